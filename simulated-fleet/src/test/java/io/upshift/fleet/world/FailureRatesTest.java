package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureRatesTest {

    @Test
    void acceptsSalesforceNamesAndConstantNames() {
        FailureRates rates = FailureRates.parse(Map.of("ApexTestFailure", 0.1, "LOCKING_FAILURE", 0.2));

        assertThat(rates.rate(PushErrorType.APEX_TEST_FAILURE)).isEqualTo(0.1);
        assertThat(rates.rate(PushErrorType.LOCKING_FAILURE)).isEqualTo(0.2);
    }

    @Test
    void rejectsAnUnknownTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> FailureRates.parse(Map.of("ApexFailure", 0.1)))
                .hasMessageContaining("unknown push error type 'ApexFailure'")
                .hasMessageContaining("ApexTestFailure");
    }

    @Test
    void rejectsRatesOutsideZeroToOneAndLayersAboveOne() {
        assertThatThrownBy(() -> FailureRates.of(PushErrorType.DEPLOY_ERROR, 1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FailureRates.parse(Map.of("DeployError", 0.7, "PACError", 0.6)))
                .hasMessageContaining("more than 1");
    }

    @Test
    void layersAboveOneInTotalAreScaledDownToOne() {
        FailureRates sum = FailureRates.of(PushErrorType.LOCKING_FAILURE, 0.5)
                .plus(FailureRates.of(PushErrorType.APEX_TEST_FAILURE, 1.0));

        assertThat(sum.rate(PushErrorType.LOCKING_FAILURE) + sum.rate(PushErrorType.APEX_TEST_FAILURE))
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void classifiesTypesAsSalesforceDocumentsThem() {
        assertThat(PushErrorType.LOCKING_FAILURE.isTransient()).isTrue();
        assertThat(PushErrorType.LIMIT_EXCEEDED.isTransient()).isTrue();
        assertThat(PushErrorType.APEX_TEST_FAILURE.isTransient()).isFalse();
        assertThat(PushErrorType.INELIGIBLE_UPGRADE.isTransient()).isFalse();
    }

    @Test
    void latencyNeedsMedianBelowTailBelowMax() {
        assertThatThrownBy(() -> new LatencyModel(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1)))
                .hasMessageContaining("median <= p99 <= max");
        assertThat(LatencyModel.fixed(Duration.ofSeconds(3)).sample(2.5)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Versions.compare("4.10.0", "4.9.3")).isPositive();
        assertThat(Versions.compare("4.2", "4.2.0")).isZero();
        assertThat(Versions.compare("4.2.1", "4.2.1.5")).isNegative();
    }
}
