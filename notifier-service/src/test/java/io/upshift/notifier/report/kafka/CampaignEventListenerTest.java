package io.upshift.notifier.report.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.common.kafka.InvalidMessageException;
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

    @Test
    void readsTheDeadlineTheProjectionAndTheOrgsAtRiskOfAnAtRiskEvent() {
        Instant deadline = Instant.parse("2026-03-04T09:00:00Z");
        CampaignEventFacts facts = CampaignEventListener.toFacts(Records.event(UUID.randomUUID(),
                CampaignEventType.AT_RISK, null, Instant.parse("2026-03-02T09:00:00Z"))
                .setDeadline(deadline).setProjectedFinish(deadline.plusSeconds(7200)).setOrgsAtRisk(42).build());

        assertThat(facts.type()).isEqualTo(CampaignEventFacts.Type.AT_RISK);
        assertThat(facts.deadline()).isEqualTo(deadline);
        assertThat(facts.projectedFinish()).isEqualTo(deadline.plusSeconds(7200));
        assertThat(facts.orgsAtRisk()).isEqualTo(42);
    }

    @Test
    void deadLettersAnAtRiskEventWithoutADeadlineAndNegativeOrgsAtRisk() {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");

        assertThatThrownBy(() -> CampaignEventListener.toFacts(Records.event(UUID.randomUUID(),
                CampaignEventType.BACK_ON_TRACK, null, at).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("without a deadline");
        assertThatThrownBy(() -> CampaignEventListener.toFacts(Records.event(UUID.randomUUID(),
                CampaignEventType.COMPLETED, null, at).setDeadline(at).setOrgsAtRisk(-1).build()))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("negative");
    }
}
