package io.upshift.notifier.email.domain;

import java.time.Instant;

/**
 * The facts of a notice email (advance notice, reminder, rescheduled, canceled): the window as
 * that notice stated it. {@code previousWindowStart/End} are set for a rescheduled notice.
 * {@code urgentReason} and {@code deadline} are the campaign's (null when it is not urgent or has no
 * deadline); they are kept here, in the queued row's JSON, so a reminder sent days later still says
 * them. Rows queued before they existed read them as null. {@code subscriberRequestId} and
 * {@code subscriberReason} are set when the subscriber asked for this notice through their link (#23).
 */
public record NoticeFacts(
        String noticeId,
        Instant windowStart,
        Instant windowEnd,
        String timeZone,
        String currentVersion,
        String targetVersion,
        Instant previousWindowStart,
        Instant previousWindowEnd,
        String urgentReason,
        Instant deadline,
        String subscriberRequestId,
        String subscriberReason) implements EmailFacts {

    /** The facts of a notice the subscriber did not ask for (every notice before #23). */
    public NoticeFacts(String noticeId, Instant windowStart, Instant windowEnd, String timeZone, String currentVersion,
            String targetVersion, Instant previousWindowStart, Instant previousWindowEnd, String urgentReason,
            Instant deadline) {
        this(noticeId, windowStart, windowEnd, timeZone, currentVersion, targetVersion, previousWindowStart,
                previousWindowEnd, urgentReason, deadline, null, null);
    }

    /** The facts of a notice of a campaign that is neither urgent nor has a deadline. */
    public NoticeFacts(String noticeId, Instant windowStart, Instant windowEnd, String timeZone, String currentVersion,
            String targetVersion, Instant previousWindowStart, Instant previousWindowEnd) {
        this(noticeId, windowStart, windowEnd, timeZone, currentVersion, targetVersion, previousWindowStart,
                previousWindowEnd, null, null, null, null);
    }
}
