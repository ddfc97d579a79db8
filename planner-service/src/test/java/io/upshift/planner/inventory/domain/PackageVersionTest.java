package io.upshift.planner.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PackageVersionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static PackageVersion version(String id, String number, ReleaseState state) {
        return new PackageVersion(id, "033A0000000PkGaAAA", PackageVersionNumber.parse(number), null, state, false, null, T0);
    }

    private static final PackageVersion BETA_3 = version("04t-beta-3", "4.2.0.3", ReleaseState.BETA);
    private static final PackageVersion RELEASE_4 = version("04t-release-4", "4.2.0.4", ReleaseState.RELEASED);
    private static final PackageVersion BETA = version("04t-beta", "4.2.0", ReleaseState.BETA);
    private static final PackageVersion RELEASE = version("04t-release", "4.2.0", ReleaseState.RELEASED);

    private static String named(String text, PackageVersion... versions) {
        return PackageVersion.named(PackageVersionNumber.parseLenient(text).orElseThrow(), List.of(versions))
                .map(PackageVersion::versionId).orElse("none");
    }

    @Test
    void aBetaComesBeforeItsReleaseAndBuildsCountAsSalesforceCountsThem() {
        List<String> sorted = Stream.of(RELEASE_4, version("04t-next", "4.10.0", ReleaseState.BETA), RELEASE, BETA_3,
                BETA, version("04t-old", "4.1.9.12", ReleaseState.RELEASED))
                .sorted(PackageVersion.ORDER).map(PackageVersion::versionId).toList();

        assertThat(sorted).containsExactly("04t-old", "04t-beta", "04t-release", "04t-beta-3", "04t-release-4",
                "04t-next");
    }

    @Test
    void aNumberSharedByABetaAndItsReleaseNamesTheRelease() {
        // registered without build numbers, as people write them
        assertThat(named("4.2.0", BETA, RELEASE)).isEqualTo("04t-release");
        assertThat(named("4.2.0", RELEASE, BETA)).isEqualTo("04t-release");
        // registered with Salesforce's build numbers: "4.2.0 (Beta 3)" is build 3, the release build 4
        assertThat(named("4.2.0", BETA_3, RELEASE_4)).isEqualTo("04t-release-4");
        assertThat(named("4.2", BETA_3, RELEASE_4)).isEqualTo("04t-release-4");
    }

    @Test
    void aBuildNamesThatBuildOnly() {
        assertThat(named("4.2.0.4", BETA_3, RELEASE_4)).isEqualTo("04t-release-4");
        // naming the beta's build names the beta (and the campaign is refused: a beta cannot be pushed)
        assertThat(named("4.2.0.3", BETA_3, RELEASE_4)).isEqualTo("04t-beta-3");
        assertThat(named("4.2.0.5", BETA_3, RELEASE_4)).isEqualTo("none");
    }

    @Test
    void aNumberWithOnlyABetaNamesTheBetaAndANumberNobodyHasNamesNothing() {
        assertThat(named("4.2.0", BETA_3)).isEqualTo("04t-beta-3");
        assertThat(named("4.2.1", BETA_3, RELEASE_4)).isEqualTo("none");
        assertThat(named("4.3.0")).isEqualTo("none");
    }

    @Test
    void ofTwoReleasesOfOneNumberTheOneWrittenWithoutABuildIsNamedByTheNumber() {
        PackageVersion build3 = version("04t-build-3", "4.2.1.3", ReleaseState.RELEASED);
        PackageVersion plain = version("04t-plain", "4.2.1", ReleaseState.RELEASED);

        assertThat(named("4.2.1", build3, plain)).isEqualTo("04t-plain");
        assertThat(named("4.2.1.3", build3, plain)).isEqualTo("04t-build-3");
    }
}
