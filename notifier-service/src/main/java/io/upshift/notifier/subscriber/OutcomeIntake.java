package io.upshift.notifier.subscriber;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.subscriber.domain.Outcome;
import io.upshift.notifier.subscriber.domain.ResultPolicy;
import io.upshift.notifier.subscriber.jdbc.JdbcOutcomeLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an upgrade outcome in one transaction: records it for the publisher's reports and
 * queues the org's result email. A duplicate outcome (same commandId) changes nothing.
 */
@Service
public class OutcomeIntake {

    private final JdbcOutcomeLog outcomes;
    private final EmailQueue emails;
    private final ResultPolicy policy;
    private final Clock clock;

    OutcomeIntake(JdbcOutcomeLog outcomes, EmailQueue emails, ResultPolicy policy, Clock clock) {
        this.outcomes = outcomes;
        this.emails = emails;
        this.policy = policy;
        this.clock = clock;
    }

    /** Returns the kinds of the emails it queued. */
    @Transactional
    public List<EmailKind> accept(Outcome outcome) {
        Instant now = clock.instant();
        if (!outcomes.record(outcome)) {
            return List.of();
        }
        return policy.plan(outcome, now).map(email -> emails.queue(List.of(email), now)).orElse(List.of());
    }
}
