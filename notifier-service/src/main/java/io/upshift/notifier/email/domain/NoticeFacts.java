package io.upshift.notifier.email.domain;

import java.time.Instant;

/**
 * The facts of a notice email (advance notice, reminder, rescheduled, canceled): the window as
 * that notice stated it. {@code previousWindowStart/End} are set for a rescheduled notice.
 */
public record NoticeFacts(
        String noticeId,
        Instant windowStart,
        Instant windowEnd,
        String timeZone,
        String currentVersion,
        String targetVersion,
        Instant previousWindowStart,
        Instant previousWindowEnd) implements EmailFacts {
}
