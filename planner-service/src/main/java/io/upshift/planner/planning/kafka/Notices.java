package io.upshift.planner.planning.kafka;

import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.jdbc.TargetStore;
import io.upshift.planner.outbox.MessageKind;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.schemas.Topics;
import java.util.List;
import java.util.UUID;

/** Builds the SubscriberNotices the planner sends: scheduled, rescheduled, canceled. */
public final class Notices {

    private Notices() {
    }

    /**
     * What a notice says about the org.
     *
     * @param chronic whether the org is chronic for the package, as planning judged it (null: not said)
     */
    public record Recipient(String orgId, String orgName, String timeZone, List<String> recipients, String locale,
            String currentVersion, Boolean chronic) {

        public Recipient(String orgId, String orgName, String timeZone, List<String> recipients, String locale,
                String currentVersion) {
            this(orgId, orgName, timeZone, recipients, locale, currentVersion, null);
        }
    }

    /** Whom a notice about this org of the campaign goes to. */
    public static Recipient recipient(TargetStore.Org org) {
        return new Recipient(org.orgId(), org.orgName(), org.timeZone(), org.recipients(), org.locale(),
                org.fromVersion());
    }

    public enum Kind {
        SCHEDULED, RESCHEDULED, CANCELED
    }

    /**
     * @param releaseNotesUrl of the target version, or null
     * @param supportContact the campaign's or the ISV's support contact, or null
     */
    public static OutgoingMessage notice(UUID noticeId, Kind kind, Campaign campaign, Recipient org, TimeWindow window,
            String releaseNotesUrl, String supportContact) {
        SubscriberNotice notice = SubscriberNotice.newBuilder()
                .setNoticeId(noticeId)
                .setCampaignId(campaign.id())
                .setOrgId(org.orgId())
                .setKind(NoticeKind.valueOf(kind.name()))
                .setWindowStart(window.start())
                .setWindowEnd(window.end())
                .setTimeZone(org.timeZone() == null || org.timeZone().isBlank() ? "UTC" : org.timeZone())
                .setTargetVersion(campaign.spec().targetVersion())
                .setReleaseNotesUrl(releaseNotesUrl)
                .setRecipients(org.recipients() == null ? List.of() : org.recipients())
                .setOrgName(org.orgName())
                .setPackageName(campaign.packageName())
                .setCurrentVersion(org.currentVersion())
                .setSupportContact(supportContact)
                .setLocale(org.locale())
                .setUrgentReason(campaign.spec().schedule().urgent() ? campaign.spec().schedule().urgency().reason() : null)
                .setDeadline(campaign.spec().schedule().deadline())
                .setChronic(org.chronic())
                .build();
        return new OutgoingMessage(Topics.SUBSCRIBER_NOTICES, org.orgId(), notice, MessageKind.NOTICE, campaign.id(),
                org.orgId(), noticeId);
    }
}
