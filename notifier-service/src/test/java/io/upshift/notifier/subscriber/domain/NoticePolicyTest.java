package io.upshift.notifier.subscriber.domain;

import static io.upshift.notifier.testing.Notices.T0;
import static io.upshift.notifier.testing.Notices.WINDOW_END;
import static io.upshift.notifier.testing.Notices.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.NoticeFacts;
import io.upshift.notifier.testing.Notices;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoticePolicyTest {

    private final NoticePolicy policy = new NoticePolicy(Duration.ofHours(24));

    @Test
    void aScheduledNoticeQueuesTheAdvanceNoticeNowAndAReminderADayBeforeTheWindow() {
        NoticePlan plan = policy.plan(Notices.scheduled(), Optional.empty(), T0);

        assertThat(plan.emails()).extracting(NewEmail::kind).containsExactly(EmailKind.ADVANCE_NOTICE, EmailKind.REMINDER);
        NewEmail advance = plan.emails().get(0);
        assertThat(advance.dueAt()).isEqualTo(T0);
        assertThat(advance.expiresAt()).isNull();
        assertThat(advance.dedupKey()).isEqualTo(Notices.scheduled().noticeId());
        NewEmail reminder = plan.emails().get(1);
        assertThat(reminder.dueAt()).isEqualTo(WINDOW_START.minus(Duration.ofHours(24)));
        assertThat(reminder.expiresAt()).isEqualTo(WINDOW_START);
        assertThat(plan.cancelPendingReminders()).isFalse();
        assertThat(plan.subscription().recipients()).containsExactly("admin@acme.example", "ops@acme.example");
    }

    @Test
    void aNoticeInsideTheReminderPeriodGetsNoSeparateReminder() {
        NoticePlan plan = policy.plan(Notices.scheduled(), Optional.empty(), WINDOW_START.minus(Duration.ofHours(3)));

        assertThat(plan.emails()).extracting(NewEmail::kind).containsExactly(EmailKind.ADVANCE_NOTICE);
    }

    @Test
    void aRescheduledNoticeNamesTheOldWindowDropsTheOldReminderAndQueuesANewOne() {
        Subscription before = Subscription.from(Notices.scheduled());
        var later = Notices.notice("00000000-0000-4000-8000-00000000a002",
                io.upshift.notifier.subscriber.domain.Notice.Kind.RESCHEDULED,
                WINDOW_START.plus(Duration.ofDays(7)), WINDOW_END.plus(Duration.ofDays(7)));

        NoticePlan plan = policy.plan(later, Optional.of(before), T0);

        assertThat(plan.cancelPendingReminders()).isTrue();
        assertThat(plan.emails()).extracting(NewEmail::kind).containsExactly(EmailKind.RESCHEDULED, EmailKind.REMINDER);
        NoticeFacts facts = (NoticeFacts) plan.emails().get(0).facts();
        assertThat(facts.previousWindowStart()).isEqualTo(WINDOW_START);
        assertThat(facts.windowStart()).isEqualTo(WINDOW_START.plus(Duration.ofDays(7)));
        assertThat(plan.emails().get(1).dueAt()).isEqualTo(WINDOW_START.plus(Duration.ofDays(6)));
    }

    @Test
    void aCanceledNoticeQueuesTheCancellationAndDropsTheReminder() {
        var canceled = Notices.notice("00000000-0000-4000-8000-00000000a003",
                io.upshift.notifier.subscriber.domain.Notice.Kind.CANCELED, WINDOW_START, WINDOW_END);

        NoticePlan plan = policy.plan(canceled, Optional.of(Subscription.from(Notices.scheduled())), T0);

        assertThat(plan.emails()).extracting(NewEmail::kind).containsExactly(EmailKind.CANCELED);
        assertThat(plan.cancelPendingReminders()).isTrue();
        assertThat(plan.subscription().canceled()).isTrue();
    }
}
