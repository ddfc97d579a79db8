package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrerequisiteTest {

    private final Prerequisite billing = new Prerequisite("Billing", "4.2.0");

    @Test
    void failsAnExtensionOverABaseThatIsTooOldWithFeatureMissing() {
        assertThat(billing.unmetBy(Optional.of("4.1.9"))).get().isInstanceOfSatisfying(PushOutcome.Failed.class, f -> {
            assertThat(f.type()).isEqualTo(PushErrorType.FEATURE_MISSING);
            assertThat(f.details()).contains("Billing 4.2.0", "4.1.9");
            assertThat(f.jobId()).isZero();
        });
    }

    @Test
    void failsAnExtensionWithoutItsBaseWithIneligibleUpgrade() {
        assertThat(billing.unmetBy(Optional.empty())).get().isInstanceOfSatisfying(PushOutcome.Failed.class,
                f -> assertThat(f.type()).isEqualTo(PushErrorType.INELIGIBLE_UPGRADE));
    }

    @Test
    void letsTheExtensionThroughOverTheNeededBaseOrANewerOne() {
        assertThat(billing.unmetBy(Optional.of("4.2.0"))).isEmpty();
        assertThat(billing.unmetBy(Optional.of("4.10.0"))).isEmpty();
    }
}
