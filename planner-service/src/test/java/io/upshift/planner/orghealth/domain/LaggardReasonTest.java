package io.upshift.planner.orghealth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaggardReasonTest {

    @Test
    void todaysInventorySpeaksBeforeTheLastCampaign() {
        assertThat(LaggardReason.of(true, false, false, "FAILED", null)).isEqualTo(LaggardReason.EXCLUDED);
        assertThat(LaggardReason.of(false, true, false, "FAILED", null)).isEqualTo(LaggardReason.BLOCKED);
        assertThat(LaggardReason.of(false, false, true, "SUCCEEDED", null)).isEqualTo(LaggardReason.INACTIVE);
    }

    @Test
    void theLastCampaignSaysWhyOtherwise() {
        assertThat(LaggardReason.of(false, false, false, "FAILED", null)).isEqualTo(LaggardReason.FAILED);
        assertThat(LaggardReason.of(false, false, false, "TIMED_OUT", null)).isEqualTo(LaggardReason.FAILED);
        assertThat(LaggardReason.of(false, false, false, null, "NO_WINDOW")).isEqualTo(LaggardReason.NEVER_IN_A_WINDOW);
        assertThat(LaggardReason.of(false, false, false, null, "NO_WINDOW_BEFORE_DEADLINE"))
                .isEqualTo(LaggardReason.NEVER_IN_A_WINDOW);
        assertThat(LaggardReason.of(false, false, false, null, "EXCLUDED_BY_CAMPAIGN")).isEqualTo(LaggardReason.EXCLUDED);
        assertThat(LaggardReason.of(false, false, false, null, "BLOCKED_BY_SUBSCRIBER")).isEqualTo(LaggardReason.BLOCKED);
        assertThat(LaggardReason.of(false, false, false, "CANCELED", null)).isEqualTo(LaggardReason.LEFT_OUT);
        assertThat(LaggardReason.of(false, false, false, null, "NOT_SELECTED")).isEqualTo(LaggardReason.LEFT_OUT);
        assertThat(LaggardReason.of(false, false, false, null, null)).isEqualTo(LaggardReason.NOT_IN_A_CAMPAIGN);
    }
}
