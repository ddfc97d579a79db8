package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the notifier knows about one org of one campaign: whom to write to, in which language and
 * time zone, and its current window. Kept from the latest notice; outcome events carry none of it.
 */
public record Subscription(
        String campaignId,
        String orgId,
        String orgName,
        String packageName,
        List<String> recipients,
        String locale,
        ZoneId timeZone,
        String supportContact,
        String currentVersion,
        String targetVersion,
        String releaseNotesUrl,
        Instant windowStart,
        Instant windowEnd,
        boolean canceled,
        String lastNoticeId) {

    public Subscription {
        recipients = List.copyOf(recipients);
    }

    public static Subscription from(Notice notice) {
        return new Subscription(notice.campaignId(), notice.orgId(), notice.orgName(), notice.packageName(),
                notice.recipients(), notice.locale(), notice.timeZone(), notice.supportContact(),
                notice.currentVersion(), notice.targetVersion(), notice.releaseNotesUrl(), notice.windowStart(),
                notice.windowEnd(), notice.kind() == Notice.Kind.CANCELED, notice.noticeId());
    }
}
