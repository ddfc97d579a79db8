package io.upshift.planner.campaign.kafka;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.OutcomeCounts;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.CampaignStore;
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
        CANCELED, COMPLETED, AT_RISK, BACK_ON_TRACK
    }

    private final Outbox outbox;
    private final CampaignStore campaigns;

    CampaignEvents(Outbox outbox, CampaignStore campaigns) {
        this.outbox = outbox;
        this.campaigns = campaigns;
    }

    /**
     * @param wave the wave for WAVE_* events (and HALTED), or null
     * @param counts the wave's counts for WAVE_* events, the campaign's otherwise
     */
    public void emit(Campaign campaign, Type type, Integer wave, WaveCounts counts, String reason, Instant at) {
        Instant deadline = campaign.spec().schedule().deadline();
        // how a campaign with a deadline ended (or halted): how many of its orgs were not upgraded by then
        Integer notUpgraded = deadline != null && (type == Type.COMPLETED || type == Type.CANCELED || type == Type.HALTED)
                ? Integer.valueOf(campaigns.notUpgradedBy(campaign.id(), deadline)) : null;
        emit(campaign, CampaignEventType.valueOf(type.name()), wave, counts, reason, null, null, notUpgraded, at);
    }

    /**
     * Announces that the projection of a campaign's finish passed its deadline ({@code atRisk}) or no
     * longer does (BACK_ON_TRACK), with the projected finish (null: it cannot finish, being paused or
     * halted) and the orgs the projection does not see upgraded by the deadline.
     */
    public void emitDeadlineWatch(Campaign campaign, boolean atRisk, Instant projectedFinish, int orgsAtRisk,
            WaveCounts counts, String reason, Instant at) {
        emit(campaign, atRisk ? CampaignEventType.AT_RISK : CampaignEventType.BACK_ON_TRACK, null, counts, reason,
                null, projectedFinish, orgsAtRisk, at);
    }

    /**
     * Announces that a person removed {@code orgId} from the campaign. Keyed by campaign and org, not
     * by campaign alone: the topic is compacted by key, and this event must neither displace the
     * campaign's last state (which a newly started executor reads) nor be displaced by it.
     */
    public void emitOrgRemoved(Campaign campaign, String orgId, int wave, String reason, Instant at) {
        emit(campaign, CampaignEventType.ORG_REMOVED, wave, null, reason, orgId, null, null, at);
    }

    private void emit(Campaign campaign, CampaignEventType type, Integer wave, WaveCounts counts, String reason,
            String orgId, Instant projectedFinish, Integer orgsAtRisk, Instant at) {
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
                .setDeadline(campaign.spec().schedule().deadline())
                .setProjectedFinish(projectedFinish)
                .setOrgsAtRisk(orgsAtRisk)
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
