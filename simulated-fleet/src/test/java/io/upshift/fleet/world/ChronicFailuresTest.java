package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChronicFailuresTest {

    private static final List<String> ORGS = IntStream.range(0, 20_000)
            .mapToObj(i -> String.format("00D%015d", i)).toList();

    private static PushScenario scenario(long seed, double share) {
        return new PushScenario(seed, LatencyModel.ZERO,
                FailureModel.NONE.withChronic(new ChronicFailures(share, PushErrorType.FEATURE_MISSING)), 1.0);
    }

    @Test
    void chronicOrgsFailEveryVersionAndEveryAttemptWithTheSameError() {
        PushScenario world = scenario(7, 0.03);
        List<String> chronic = ORGS.stream()
                .filter(org -> world.decide(org, "NA1", "4.2.0", 0).failure() != null).toList();
        assertThat(chronic).isNotEmpty();
        for (String org : chronic) {
            for (String version : List.of("4.2.1", "4.3.0", "5.0.0")) {
                for (int attempt = 0; attempt < 3; attempt++) {
                    assertThat(world.decide(org, "EU44", version, attempt).failure())
                            .isEqualTo(PushErrorType.FEATURE_MISSING);
                }
            }
        }
        // the others never fail: no other rate is set
        assertThat(ORGS.stream().filter(org -> !chronic.contains(org))
                .allMatch(org -> world.decide(org, "NA1", "4.3.0", 0).failure() == null)).isTrue();
    }

    @Test
    void theShareOfChronicOrgsIsTheConfiguredOneAndDependsOnTheSeed() {
        long a = ORGS.stream().filter(org -> new ChronicFailures(0.03, PushErrorType.DEPLOY_ERROR).hits(1, org)).count();
        assertThat(a / (double) ORGS.size()).isBetween(0.025, 0.035);
        List<String> seed1 = ORGS.stream().filter(org -> new ChronicFailures(0.03, PushErrorType.DEPLOY_ERROR).hits(1, org)).toList();
        List<String> seed2 = ORGS.stream().filter(org -> new ChronicFailures(0.03, PushErrorType.DEPLOY_ERROR).hits(2, org)).toList();
        assertThat(seed1).isNotEqualTo(seed2);
        assertThat(ORGS.stream().noneMatch(org -> ChronicFailures.NONE.hits(1, org))).isTrue();
    }

    @Test
    void aChronicOrgFailsWithAPermanentErrorAndAShareBelowOne() {
        assertThatThrownBy(() -> new ChronicFailures(0.1, PushErrorType.LOCKING_FAILURE))
                .hasMessageContaining("permanent");
        assertThatThrownBy(() -> new ChronicFailures(1.0, PushErrorType.DEPLOY_ERROR)).hasMessageContaining("below 1");
    }
}
