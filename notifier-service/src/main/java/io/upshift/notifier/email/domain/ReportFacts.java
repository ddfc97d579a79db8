package io.upshift.notifier.email.domain;

import java.time.Instant;

/**
 * The facts of a publisher report: the campaign event that triggered it. {@code counts} are the
 * planner's (of the wave for wave events, of the campaign otherwise) and may be null.
 * {@code deadline}, {@code projectedFinish} and {@code orgsAtRisk} are the event's (#25; null when it
 * has none, and in rows queued before they existed): for AT_RISK and BACK_ON_TRACK the projection, for
 * COMPLETED, CANCELED and HALTED the orgs not upgraded before the deadline.
 */
public record ReportFacts(
        String eventId,
        String eventType,
        Integer waveNumber,
        String reason,
        Counts counts,
        Instant eventAt,
        Instant deadline,
        Instant projectedFinish,
        Integer orgsAtRisk) implements EmailFacts {

    /** The facts of an event that says nothing about a deadline. */
    public ReportFacts(String eventId, String eventType, Integer waveNumber, String reason, Counts counts,
            Instant eventAt) {
        this(eventId, eventType, waveNumber, reason, counts, eventAt, null, null, null);
    }

    /** Org targets by state, as the planner counted them. */
    public record Counts(int total, int pending, int dispatched, int succeeded, int failed, int skipped,
            int canceled, int timedOut) {

        public int finished() {
            return succeeded + failed + skipped + canceled + timedOut;
        }
    }
}
