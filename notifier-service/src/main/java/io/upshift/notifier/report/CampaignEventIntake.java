package io.upshift.notifier.report;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.report.domain.CampaignEventFollower;
import io.upshift.notifier.report.domain.ReportPolicy;
import io.upshift.notifier.report.jdbc.JdbcAwaitingApprovals;
import io.upshift.notifier.report.jdbc.JdbcCampaigns;
import io.upshift.notifier.support.jdbc.ProcessedMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a campaign event in one transaction: keeps the campaign's names, drops the reminders of
 * a canceled campaign, keeps which wave waits for approval, queues the publisher's report or the approvers'
 * email the event calls for, and lets the followers (webhook deliveries) record theirs. An event seen before
 * (same eventId) changes nothing.
 */
@Service
public class CampaignEventIntake {

    static final String SOURCE = "campaign-event";

    private final ProcessedMessages processed;
    private final JdbcCampaigns campaigns;
    private final EmailQueue emails;
    private final ReportPolicy policy;
    private final JdbcAwaitingApprovals awaitingApprovals;
    private final List<CampaignEventFollower> followers;
    private final Clock clock;

    CampaignEventIntake(ProcessedMessages processed, JdbcCampaigns campaigns, EmailQueue emails, ReportPolicy policy,
            JdbcAwaitingApprovals awaitingApprovals, List<CampaignEventFollower> followers, Clock clock) {
        this.processed = processed;
        this.campaigns = campaigns;
        this.emails = emails;
        this.policy = policy;
        this.awaitingApprovals = awaitingApprovals;
        this.followers = List.copyOf(followers);
        this.clock = clock;
    }

    /** Returns the kinds of the emails it queued. */
    @Transactional
    public List<EmailKind> accept(CampaignEventFacts event) {
        Instant now = clock.instant();
        if (!processed.markProcessed(SOURCE, event.eventId(), now)) {
            return List.of();
        }
        int resumes = campaigns.apply(event);
        awaitingApprovals.apply(event);
        followers.forEach(follower -> follower.follow(event, now));
        if (event.type() == CampaignEventFacts.Type.CANCELED) {
            emails.cancelPendingReminders(event.campaignId(), now);
        }
        return policy.plan(event, resumes, now).map(email -> emails.queue(List.of(email), now)).orElse(List.of());
    }
}
