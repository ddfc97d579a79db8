package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the planner told us about one org of a campaign, checked: a real window, a known time zone
 * and at least one usable recipient.
 */
public record Notice(
        String noticeId,
        String campaignId,
        String orgId,
        Kind kind,
        Instant windowStart,
        Instant windowEnd,
        ZoneId timeZone,
        String targetVersion,
        String currentVersion,
        String releaseNotesUrl,
        List<String> recipients,
        String orgName,
        String packageName,
        String supportContact,
        String locale) {

    /** The planner's notice kinds; anything else is refused before it gets here. */
    public enum Kind { SCHEDULED, RESCHEDULED, CANCELED }

    public Notice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(targetVersion, "targetVersion");
        recipients = List.copyOf(recipients);
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a notice needs at least one recipient");
        }
    }
}
