package io.upshift.notifier.subscriber.domain;

import io.upshift.notifier.email.domain.NewEmail;
import java.util.List;

/**
 * What one notice changes: the org's subscription, the emails to queue, and whether reminders
 * still waiting for the old window must be dropped.
 */
public record NoticePlan(Subscription subscription, List<NewEmail> emails, boolean cancelPendingReminders) {

    public NoticePlan {
        emails = List.copyOf(emails);
    }
}
