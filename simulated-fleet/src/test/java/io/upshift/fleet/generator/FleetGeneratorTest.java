package io.upshift.fleet.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.upshift.fleet.generator.FleetOptions.Weighted;
import io.upshift.fleet.generator.FleetOptions.WindowMode;
import io.upshift.schemas.OrgIds;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetGeneratorTest {

    private static final int MIX_SAMPLE = 20_000;

    private static List<SimulatedOrg> fleet(FleetOptions options) {
        return new FleetGenerator(options).stream().toList();
    }

    private static double share(List<SimulatedOrg> orgs, Predicate<SimulatedOrg> predicate) {
        return orgs.stream().filter(predicate).count() / (double) orgs.size();
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        List<SimulatedOrg> first = fleet(FleetOptions.defaults(2_000, 42));
        List<SimulatedOrg> second = fleet(FleetOptions.defaults(2_000, 42));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aShareOfTheOrgsWithThePackageBlockPushesAndEverythingElseStaysAsItWas() {
        List<SimulatedOrg> without = fleet(FleetOptions.defaults(MIX_SAMPLE, 3));
        List<SimulatedOrg> with = fleet(FleetOptions.defaults(MIX_SAMPLE, 3).withPushBlockedShare(0.05));

        assertThat(without).noneMatch(SimulatedOrg::pushBlocked);
        assertThat(with).filteredOn(SimulatedOrg::pushBlocked).allMatch(o -> o.installedVersion() != null);
        long installed = with.stream().filter(o -> o.installedVersion() != null).count();
        assertThat(with.stream().filter(SimulatedOrg::pushBlocked).count() / (double) installed)
                .isCloseTo(0.05, within(0.01));
        for (int i = 0; i < MIX_SAMPLE; i++) {
            SimulatedOrg a = without.get(i);
            SimulatedOrg b = with.get(i);
            assertThat(new SimulatedOrg(b.orgId(), b.orgName(), b.orgType(), b.status(), b.instance(),
                    b.installedVersion(), b.betaInstalled(), b.timeZone(), b.windowDays(), b.windowStart(),
                    b.windowEnd(), b.locale(), b.adminEmails())).isEqualTo(a);
        }
    }

    @Test
    void anotherSeedGivesAnotherFleet() {
        Set<String> first = fleet(FleetOptions.defaults(1_000, 1)).stream().map(SimulatedOrg::orgId).collect(Collectors.toSet());
        Set<String> second = fleet(FleetOptions.defaults(1_000, 2)).stream().map(SimulatedOrg::orgId).collect(Collectors.toSet());

        assertThat(first).doesNotContainAnyElementsOf(second);
    }

    @Test
    void aSmallFleetIsTheBeginningOfALargerOneWithTheSameSeed() {
        List<SimulatedOrg> small = fleet(FleetOptions.defaults(100, 7));
        List<SimulatedOrg> large = fleet(FleetOptions.defaults(5_000, 7));

        assertThat(large.subList(0, 100)).isEqualTo(small);
        assertThat(new FleetGenerator(FleetOptions.defaults(5_000, 7)).org(4_321)).isEqualTo(large.get(4_321));
    }

    @Test
    void orgIdsAreValidUniqueEighteenCharacterIds() {
        Set<String> ids = new HashSet<>();
        new FleetGenerator(FleetOptions.defaults(300_000, 99)).stream().forEach(org -> {
            assertThat(org.orgId()).hasSize(18).startsWith("00D");
            assertThat(OrgIds.normalize(org.orgId())).contains(org.orgId());
            assertThat(OrgIds.normalize(org.orgId().substring(0, 15))).contains(org.orgId());
            ids.add(org.orgId().toLowerCase()); // unique even case-insensitively, as Salesforce compares them
        });

        assertThat(ids).hasSize(300_000);
    }

    @Test
    void theDefaultMixHasAboutThirtyPercentSandboxesMostlyActiveOrgsAndAFewBetasAndUninstalled() {
        List<SimulatedOrg> orgs = fleet(FleetOptions.defaults(MIX_SAMPLE, 2026));

        assertThat(share(orgs, org -> org.orgType().equals("SANDBOX"))).isBetween(0.25, 0.35).isCloseTo(0.30, within(0.015));
        assertThat(share(orgs, org -> org.status().equals("ACTIVE"))).isCloseTo(0.86, within(0.015));
        assertThat(share(orgs, org -> org.status().equals("INACTIVE"))).isCloseTo(0.04, within(0.01));
        assertThat(orgs).extracting(SimulatedOrg::status).contains("TRIAL", "FREE", "DEMO");
        assertThat(share(orgs, org -> org.installedVersion() == null)).isCloseTo(0.02, within(0.006));
        assertThat(share(orgs, SimulatedOrg::betaInstalled)).isCloseTo(0.02, within(0.006));
        assertThat(orgs).filteredOn(SimulatedOrg::betaInstalled).extracting(SimulatedOrg::installedVersion).containsOnly("4.3.0");
        assertThat(share(orgs, org -> "4.1.2".equals(org.installedVersion()) && !org.betaInstalled()))
                .isCloseTo(0.35 * 0.96, within(0.015));
        assertThat(share(orgs, org -> "4.2.0".equals(org.installedVersion()))).isCloseTo(0.20 * 0.96, within(0.015));
    }

    @Test
    void podsAndTimeZonesBelongToTheSameRegion() {
        Map<String, String> zonePrefixByRegion = Map.of("NA", "America/", "EU", "Europe/", "AP", "Asia/|Australia/");
        Set<String> naPods = Set.of("NA135", "NA174", "NA211", "USA204", "USA416", "CS42", "CS91", "CS170");
        Set<String> euPods = Set.of("EU25", "EU32", "EU44", "GBR22", "DEU40", "CS81", "CS108", "CS129");

        for (SimulatedOrg org : fleet(FleetOptions.defaults(5_000, 3))) {
            String region = naPods.contains(org.instance()) ? "NA" : euPods.contains(org.instance()) ? "EU" : "AP";
            assertThat(org.timeZone().getId()).containsPattern("^(" + zonePrefixByRegion.get(region) + ")");
            assertThat(org.instance().startsWith("CS")).isEqualTo(org.orgType().equals("SANDBOX"));
            assertThat(org.locale()).matches("[a-z]{2}_[A-Z]{2}");
        }
    }

    @Test
    void everyRegionAndManyPodsAreRepresented() {
        List<SimulatedOrg> orgs = fleet(FleetOptions.defaults(MIX_SAMPLE, 11));

        assertThat(share(orgs, org -> org.timeZone().getId().startsWith("America/"))).isCloseTo(0.50, within(0.02));
        assertThat(share(orgs, org -> org.timeZone().getId().startsWith("Europe/"))).isCloseTo(0.32, within(0.02));
        assertThat(orgs.stream().map(SimulatedOrg::instance).distinct().count()).isEqualTo(24);
    }

    @Test
    void realisticWindowsAreNightsAndWeekendsSomeAcrossMidnight() {
        List<SimulatedOrg> orgs = fleet(FleetOptions.defaults(MIX_SAMPLE, 5));

        assertThat(orgs).allSatisfy(org -> {
            assertThat(org.windowDays()).isNotEmpty();
            assertThat(org.windowStart()).isNotNull();
            assertThat(org.windowEnd()).isNotNull();
        });
        double acrossMidnight = share(orgs, org -> org.windowEnd().isBefore(org.windowStart()));
        assertThat(acrossMidnight).isBetween(0.2, 0.5);
        double alwaysOpen = share(orgs, org -> org.windowStart().equals(org.windowEnd()));
        assertThat(alwaysOpen).isCloseTo(0.30 * 0.5, within(0.02)); // half the sandboxes, no production org
        assertThat(orgs).filteredOn(org -> org.orgType().equals("PRODUCTION"))
                .noneMatch(org -> org.windowStart().equals(org.windowEnd()));
    }

    @Test
    void theAlwaysOpenModeOpensEveryWindowAllDayEveryDay() {
        List<SimulatedOrg> orgs = fleet(FleetOptions.defaults(1_000, 5).withWindowMode(WindowMode.ALWAYS_OPEN));

        assertThat(orgs).allSatisfy(org -> {
            assertThat(org.windowDays()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
            assertThat(org.windowStart()).isEqualTo(LocalTime.MIDNIGHT);
            assertThat(org.windowEnd()).isEqualTo(LocalTime.MIDNIGHT);
        });
    }

    @Test
    void everyOrgHasOneToThreeAdminAddressesOnExampleDomains() {
        List<SimulatedOrg> orgs = fleet(FleetOptions.defaults(5_000, 8));

        assertThat(orgs).allSatisfy(org -> {
            assertThat(org.adminEmails()).hasSizeBetween(1, 3).doesNotHaveDuplicates();
            assertThat(org.adminEmails()).allMatch(email -> email.matches("[a-z0-9.-]+@[a-z0-9-]+\\.example"));
            assertThat(org.orgName()).isNotBlank();
        });
        assertThat(orgs.stream().map(org -> org.adminEmails().size()).distinct()).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void optionsShapeTheMix() {
        FleetOptions options = FleetOptions.defaults(5_000, 1)
                .withSandboxShare(0)
                .withStatusWeights(List.of(new Weighted("ACTIVE", 1)))
                .withInstalledVersions(List.of(new Weighted("1.0.0", 1), new Weighted("2.0.0", 0)))
                .withBeta(null, 0.5)
                .withNotInstalledShare(0);

        List<SimulatedOrg> orgs = fleet(options);

        assertThat(orgs).allSatisfy(org -> {
            assertThat(org.orgType()).isEqualTo("PRODUCTION");
            assertThat(org.status()).isEqualTo("ACTIVE");
            assertThat(org.installedVersion()).isEqualTo("1.0.0");
            assertThat(org.betaInstalled()).isFalse();
        });
    }

    @Test
    void aMillionOrgFleetIsGeneratedLazily() {
        FleetGenerator generator = new FleetGenerator(FleetOptions.defaults(FleetOptions.MAX_COUNT, 1));

        assertThat(generator.stream().skip(10).limit(3)).hasSize(3);
        assertThat(generator.org(FleetOptions.MAX_COUNT - 1).orgId()).hasSize(18);
    }

    @Test
    void rejectsOptionsThatMakeNoSense() {
        assertThatThrownBy(() -> FleetOptions.defaults(-1, 1)).hasMessageContaining("count");
        assertThatThrownBy(() -> FleetOptions.defaults(10, 1).withSandboxShare(1.5)).hasMessageContaining("sandboxShare");
        assertThatThrownBy(() -> FleetOptions.defaults(10, 1).withInstalledVersions(List.of(new Weighted("4.x", 1))))
                .hasMessageContaining("4.x");
        assertThatThrownBy(() -> FleetOptions.defaults(10, 1).withStatusWeights(List.of(new Weighted("GONE", 1))))
                .hasMessageContaining("GONE");
        assertThatThrownBy(() -> FleetOptions.defaults(10, 1).withInstalledVersions(List.of(new Weighted("1.0.0", 0))))
                .hasMessageContaining("positive weight");
    }
}
