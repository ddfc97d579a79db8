package io.upshift.planner.campaign.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignTest {

    private static final Instant NOW = Specs.NOW;
    private static final Instant STARTS = NOW.plus(Duration.ofHours(72));

    @Test
    void remembersWhoScheduledIt() {
        Campaign scheduled = scheduled();

        assertThat(scheduled.scheduledBy()).isEqualTo("dave");
        assertThat(scheduled.started(STARTS).scheduledBy()).isEqualTo("dave");
    }

    private static Campaign scheduled() {
        return Campaign.draft(UUID.randomUUID(), Specs.spec(), "Acme Billing", "04t000000000001AAA", NOW)
                .scheduled(NOW, "dave", STARTS);
    }
}
