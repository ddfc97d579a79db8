package io.upshift.notifier.report.domain;

import io.upshift.notifier.email.domain.ReportFacts;
import java.time.Instant;
import java.util.Objects;

/** A campaign event as the notifier reads it. */
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
        String targetVersion) {

    /** The planner's event types this notifier knows. */
    public enum Type {
        SCHEDULED, STARTED, PAUSED, RESUMED, WAVE_STARTED, WAVE_AWAITING_APPROVAL, WAVE_PASSED, WAVE_HALTED,
        HALTED, CANCELED, COMPLETED,
        /** One org removed from a live campaign: nothing to report (its subscriber is told by a notice). */
        ORG_REMOVED
    }

    public CampaignEventFacts {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
