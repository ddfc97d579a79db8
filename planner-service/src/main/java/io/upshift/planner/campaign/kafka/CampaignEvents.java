package io.upshift.planner.campaign.kafka;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.OutcomeCounts;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.outbox.MessageKind;
import io.upshift.planner.outbox.Outbox;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.schemas.Topics;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Announces campaign state changes and wave transitions as CampaignEvents, through the outbox in
 * the caller's transaction. Keyed by campaign id: the topic is compacted, so the last event of a
 * campaign tells a newly started executor whether it is halted or canceled.
 */
@Component
public class CampaignEvents {

    /** The event types the planner emits (mirrors the Avro enum, which the domain must not import). */
    public enum Type {
        SCHEDULED, STARTED, PAUSED, RESUMED, WAVE_STARTED, WAVE_AWAITING_APPROVAL, WAVE_PASSED, WAVE_HALTED, HALTED,
        CANCELED, COMPLETED
    }

    private final Outbox outbox;

    CampaignEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param wave the wave for WAVE_* events (and HALTED), or null
     * @param counts the wave's counts for WAVE_* events, the campaign's otherwise
     */
    public void emit(Campaign campaign, Type type, Integer wave, WaveCounts counts, String reason, Instant at) {
        emit(campaign, CampaignEventType.valueOf(type.name()), wave, counts, reason, null, at);
    }

    /**
     * Announces that a person removed {@code orgId} from the campaign. Keyed by campaign and org, not
     * by campaign alone: the topic is compacted by key, and this event must neither displace the
     * campaign's last state (which a newly started executor reads) nor be displaced by it.
     */
    public void emitOrgRemoved(Campaign campaign, String orgId, int wave, String reason, Instant at) {
        emit(campaign, CampaignEventType.ORG_REMOVED, wave, null, reason, orgId, at);
    }

    private void emit(Campaign campaign, CampaignEventType type, Integer wave, WaveCounts counts, String reason,
            String orgId, Instant at) {
        UUID eventId = UUID.randomUUID();
        CampaignEvent event = CampaignEvent.newBuilder()
                .setEventId(eventId)
                .setCampaignId(campaign.id())
                .setType(type)
                .setWaveNumber(wave)
                .setCounts(counts == null ? null : counts(counts))
                .setReason(reason)
                .setAt(at)
                .setCampaignName(campaign.spec().name())
                .setPackageName(campaign.packageName())
                .setTargetVersion(campaign.spec().targetVersion())
                .setOrgId(orgId)
                .build();
        String key = orgId == null ? campaign.id().toString() : campaign.id() + "/" + orgId;
        outbox.append(new OutgoingMessage(Topics.CAMPAIGN_EVENTS, key, event, MessageKind.CAMPAIGN_EVENT,
                campaign.id(), orgId, eventId));
    }

    static OutcomeCounts counts(WaveCounts c) {
        return OutcomeCounts.newBuilder().setTotal(c.total()).setPending(c.pending()).setDispatched(c.dispatched())
                .setSucceeded(c.succeeded()).setFailed(c.failed()).setSkipped(c.skipped()).setCanceled(c.canceled())
                .setTimedOut(c.timedOut()).build();
    }
}
