package io.upshift.notifier.subscriber.domain;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.NoticeFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which emails a notice causes.
 * <ul>
 * <li>SCHEDULED: the advance notice now, and a reminder {@code reminderBefore} the window — unless
 * that moment has already passed (a short notice period), when the advance notice is enough.</li>
 * <li>RESCHEDULED: a "your window moved" email now (with the old and the new window), the reminder
 * of the old window dropped and one for the new window queued.</li>
 * <li>CANCELED: a cancellation email now, the pending reminder dropped.</li>
 * </ul>
 * A reminder expires when its window opens: sent later, it would announce something already under way.
 */
public final class NoticePolicy {

    private final Duration reminderBefore;

    public NoticePolicy(Duration reminderBefore) {
        if (reminderBefore.isNegative() || reminderBefore.isZero()) {
            throw new IllegalArgumentException("reminderBefore must be positive");
        }
        this.reminderBefore = reminderBefore;
    }

    public NoticePlan plan(Notice notice, Optional<Subscription> previous, Instant now) {
        List<NewEmail> emails = new ArrayList<>();
        Subscription subscription = Subscription.from(notice);
        switch (notice.kind()) {
            case SCHEDULED -> {
                emails.add(email(EmailKind.ADVANCE_NOTICE, notice, facts(notice, null), now, null));
                reminder(notice, now).ifPresent(emails::add);
            }
            case RESCHEDULED -> {
                emails.add(email(EmailKind.RESCHEDULED, notice, facts(notice, previous.orElse(null)), now, null));
                reminder(notice, now).ifPresent(emails::add);
            }
            case CANCELED -> emails.add(email(EmailKind.CANCELED, notice, facts(notice, null), now, null));
        }
        boolean dropOldReminders = notice.kind() != Notice.Kind.SCHEDULED || previous.isPresent();
        return new NoticePlan(subscription, emails, dropOldReminders);
    }

    private Optional<NewEmail> reminder(Notice notice, Instant now) {
        Instant at = notice.windowStart().minus(reminderBefore);
        if (!at.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(email(EmailKind.REMINDER, notice, facts(notice, null), at, notice.windowStart()));
    }

    private static NewEmail email(EmailKind kind, Notice notice, NoticeFacts facts, Instant due, Instant expires) {
        return new NewEmail(kind, notice.campaignId(), notice.orgId(), notice.noticeId(), facts, due, expires);
    }

    private static NoticeFacts facts(Notice notice, Subscription previous) {
        return new NoticeFacts(notice.noticeId(), notice.windowStart(), notice.windowEnd(), notice.timeZone().getId(),
                notice.currentVersion(), notice.targetVersion(),
                previous == null ? null : previous.windowStart(), previous == null ? null : previous.windowEnd(),
                notice.urgentReason(), notice.deadline(), notice.subscriberRequestId(), notice.subscriberReason());
    }
}
