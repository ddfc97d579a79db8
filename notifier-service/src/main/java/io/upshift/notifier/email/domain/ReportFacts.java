package io.upshift.notifier.email.domain;

import java.time.Instant;

/**
 * The facts of a publisher report: the campaign event that triggered it. {@code counts} are the
 * planner's (of the wave for wave events, of the campaign otherwise) and may be null.
 */
public record ReportFacts(
        String eventId,
        String eventType,
        Integer waveNumber,
        String reason,
        Counts counts,
        Instant eventAt) implements EmailFacts {

    /** Org targets by state, as the planner counted them. */
    public record Counts(int total, int pending, int dispatched, int succeeded, int failed, int skipped,
            int canceled, int timedOut) {

        public int finished() {
            return succeeded + failed + skipped + canceled + timedOut;
        }
    }
}
