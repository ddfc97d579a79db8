package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the planner told us about one org of a campaign, checked: a real window, a known time zone
 * and at least one usable recipient.
 *
 * @param urgentReason why the campaign is urgent (its notice period is shorter than usual), in the
 *         publisher's words; null for an ordinary campaign
 * @param deadline by when the campaign upgrades every subscriber, or null when it has no deadline
 * @param chronic whether the planner calls the org chronic for the package (it failed in earlier campaigns
 *         too); null when the notice does not say (reschedules, cancellations, older planners)
 * @param subscriberRequestId the subscriber's request (through their link) this notice confirms, or null
 * @param subscriberReason the subscriber's reason for skipping, or null
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
        String locale,
        String urgentReason,
        Instant deadline,
        Boolean chronic,
        String subscriberRequestId,
        String subscriberReason) {

    /** A notice the subscriber did not ask for (every notice before #23). */
    public Notice(String noticeId, String campaignId, String orgId, Kind kind, Instant windowStart, Instant windowEnd,
            ZoneId timeZone, String targetVersion, String currentVersion, String releaseNotesUrl, List<String> recipients,
            String orgName, String packageName, String supportContact, String locale, String urgentReason,
            Instant deadline, Boolean chronic) {
        this(noticeId, campaignId, orgId, kind, windowStart, windowEnd, timeZone, targetVersion, currentVersion,
                releaseNotesUrl, recipients, orgName, packageName, supportContact, locale, urgentReason, deadline, chronic,
                null, null);
    }

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
        if (urgentReason != null && urgentReason.isBlank()) {
            urgentReason = null;
        }
    }

    /** A notice that says nothing of chronic orgs nor of a subscriber's request. */
    public Notice(String noticeId, String campaignId, String orgId, Kind kind, Instant windowStart, Instant windowEnd,
            ZoneId timeZone, String targetVersion, String currentVersion, String releaseNotesUrl,
            List<String> recipients, String orgName, String packageName, String supportContact, String locale,
            String urgentReason, Instant deadline) {
        this(noticeId, campaignId, orgId, kind, windowStart, windowEnd, timeZone, targetVersion, currentVersion,
                releaseNotesUrl, recipients, orgName, packageName, supportContact, locale, urgentReason, deadline, null,
                null, null);
    }

    /** A notice of a campaign that is neither urgent nor has a deadline (as every notice before #25). */
    public Notice(String noticeId, String campaignId, String orgId, Kind kind, Instant windowStart, Instant windowEnd,
            ZoneId timeZone, String targetVersion, String currentVersion, String releaseNotesUrl,
            List<String> recipients, String orgName, String packageName, String supportContact, String locale) {
        this(noticeId, campaignId, orgId, kind, windowStart, windowEnd, timeZone, targetVersion, currentVersion,
                releaseNotesUrl, recipients, orgName, packageName, supportContact, locale, null, null, null, null, null);
    }
}
