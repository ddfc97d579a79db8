package io.upshift.notifier.email.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The store of emails to send: one row per email, claimed by senders with a lease. */
public interface EmailQueue {

    /** Queues the emails that are not queued yet and returns the kinds of those it added. */
    List<EmailKind> queue(List<NewEmail> emails, Instant now);

    /** Drops reminders of an org that have not gone out (its window moved or was canceled). */
    int cancelPendingReminders(String campaignId, String orgId, Instant now);

    /** Drops every reminder of a campaign that has not gone out (the campaign was canceled). */
    int cancelPendingReminders(String campaignId, Instant now);

    /**
     * Claims up to {@code limit} emails that are due, and emails whose previous claim lapsed
     * (a sender died mid-send), for {@code lease}. Replicas never claim the same row at once.
     */
    List<QueuedEmail> claim(Instant now, int limit, Duration lease, String claimer);

    /** Writes back what became of claimed emails, all or nothing. */
    void record(List<DeliveryRecord> records);

    /** Emails of a campaign by kind and status. */
    List<EmailCount> counts(String campaignId);

    /** The due time of the oldest email that is due and not sent yet. */
    Optional<Instant> oldestUnsentDue(Instant now);
}
