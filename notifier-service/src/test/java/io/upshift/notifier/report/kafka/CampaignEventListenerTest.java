package io.upshift.notifier.report.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.CampaignEventType;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.testing.Records;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignEventListenerTest {

    @Test
    void readsAnOrgRemovedFromACampaignRatherThanDeadLetteringIt() {
        CampaignEventFacts facts = CampaignEventListener.toFacts(Records.event(UUID.randomUUID(),
                CampaignEventType.ORG_REMOVED, 1, Instant.parse("2026-03-02T09:00:00Z"))
                .setOrgId("00D000000000001AAA").setReason("renewal talks").build());

        assertThat(facts.type()).isEqualTo(CampaignEventFacts.Type.ORG_REMOVED);
    }
}
