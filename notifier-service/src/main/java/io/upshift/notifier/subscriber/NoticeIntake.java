package io.upshift.notifier.subscriber;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.subscriber.domain.NoticePlan;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.subscriber.jdbc.JdbcSubscriptions;
import io.upshift.notifier.support.jdbc.ProcessedMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a subscriber notice in one transaction: remembers the org's contacts and window, drops
 * reminders the notice made obsolete and queues the emails it causes. A notice seen before (same
 * noticeId) changes nothing.
 */
@Service
public class NoticeIntake {

    static final String SOURCE = "subscriber-notice";

    private final ProcessedMessages processed;
    private final JdbcSubscriptions subscriptions;
    private final EmailQueue emails;
    private final NoticePolicy policy;
    private final Clock clock;

    NoticeIntake(ProcessedMessages processed, JdbcSubscriptions subscriptions, EmailQueue emails, NoticePolicy policy,
            Clock clock) {
        this.processed = processed;
        this.subscriptions = subscriptions;
        this.emails = emails;
        this.policy = policy;
        this.clock = clock;
    }

    /** Returns the kinds of the emails it queued. */
    @Transactional
    public List<EmailKind> accept(Notice notice) {
        Instant now = clock.instant();
        if (!processed.markProcessed(SOURCE, notice.noticeId(), now)) {
            return List.of();
        }
        Optional<Subscription> previous = subscriptions.find(notice.campaignId(), notice.orgId());
        NoticePlan plan = policy.plan(notice, previous, now);
        subscriptions.save(plan.subscription(), now);
        if (notice.chronic() != null) {
            // only the scheduling notice says it; a later reschedule keeps what it said
            subscriptions.markChronic(notice.campaignId(), notice.orgId(), notice.chronic());
        }
        if (plan.cancelPendingReminders()) {
            emails.cancelPendingReminders(notice.campaignId(), notice.orgId(), now);
        }
        return emails.queue(plan.emails(), now);
    }
}
