package io.upshift.notifier.report.domain;

import io.upshift.notifier.email.domain.ReportFacts;
import java.time.Instant;
import java.util.Objects;

/**
 * A campaign event as the notifier reads it. {@code deadline}, {@code projectedFinish} and
 * {@code orgsAtRisk} are null for a campaign without a deadline (see the Avro doc of CampaignEvent).
 */
public record CampaignEventFacts(
        String eventId,
        String campaignId,
        Type type,
        Integer waveNumber,
        ReportFacts.Counts counts,
        String reason,
        Instant at,
        String campaignName,
        String packageName,
        String targetVersion,
        Instant deadline,
        Instant projectedFinish,
        Integer orgsAtRisk) {

    /** The planner's event types this notifier knows. */
    public enum Type {
        SCHEDULED, STARTED, PAUSED, RESUMED, WAVE_STARTED, WAVE_AWAITING_APPROVAL, WAVE_PASSED, WAVE_HALTED,
        HALTED, CANCELED, COMPLETED,
        /** One org removed from a live campaign: nothing to report (its subscriber is told by a notice). */
        ORG_REMOVED,
        /** The planner's projected finish passed the campaign's deadline, or it cannot finish (halted, paused). */
        AT_RISK,
        /** The projected finish is before the deadline again. */
        BACK_ON_TRACK
    }

    public CampaignEventFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    /** An event that says nothing about a deadline. */
    public CampaignEventFacts(String eventId, String campaignId, Type type, Integer waveNumber,
            ReportFacts.Counts counts, String reason, Instant at, String campaignName, String packageName,
            String targetVersion) {
        this(eventId, campaignId, type, waveNumber, counts, reason, at, campaignName, packageName, targetVersion,
                null, null, null);
    }

    /** Whether the event is about the campaign's projection against its deadline. */
    public boolean aboutRisk() {
        return type == Type.AT_RISK || type == Type.BACK_ON_TRACK;
    }
}
