package io.upshift.planner.tracking.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.planner.tracking.OutcomeTracker;
import io.upshift.planner.tracking.config.TrackingProperties;
import io.upshift.planner.tracking.domain.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Consumes UpgradeOutcomes in batches and hands them to the tracker, many per transaction. A
 * record that is not an outcome we can apply (undecodable, impossible values, a command we never
 * issued) is named by its index: the records before it are applied and committed, it goes to the
 * dead-letter topic (service-common's error handler), the rest are delivered again. While the
 * database is unreachable the batch is retried — never dead-lettered — until it can be applied.
 */
@Component
class OutcomeListener implements BatchMessageListener<String, UpgradeOutcome>, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(OutcomeListener.class);

    private final OutcomeTracker tracker;
    private final TrackingProperties properties;
    private volatile boolean closing;

    OutcomeListener(OutcomeTracker tracker, TrackingProperties properties) {
        this.tracker = tracker;
        this.properties = properties;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, UpgradeOutcome>> records) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        int unreadable = -1;
        RuntimeException why = null;
        for (int i = 0; i < records.size(); i++) {
            try {
                outcomes.add(Outcomes.parse(records.get(i)));
            } catch (DeserializationException | InvalidMessageException e) {
                unreadable = i;
                why = e;
                break;
            }
        }
        OutcomeTracker.Result result = applyUntilApplied(outcomes);
        if (result.rejectedAt() >= 0) {
            throw new BatchListenerFailedException(result.rejection(), new InvalidMessageException(result.rejection()),
                    result.rejectedAt());
        }
        if (unreadable >= 0) {
            throw new BatchListenerFailedException(why.getMessage(), why, unreadable);
        }
    }

    private OutcomeTracker.Result applyUntilApplied(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return new OutcomeTracker.Result(-1, null, 0, 0, 0, 0);
        }
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                return tracker.apply(outcomes);
            } catch (TransientDataAccessException | DataAccessResourceFailureException | RecoverableDataAccessException
                    | CannotCreateTransactionException | TransactionSystemException e) {
                if (closing) {
                    throw e;
                }
                log.warn("cannot apply {} outcomes now, retrying in {}: {}", outcomes.size(), backoff, e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxRetryBackoff()) > 0
                        ? properties.maxRetryBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
    }
}
