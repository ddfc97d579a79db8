package io.upshift.executor.execution.kafka;

import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.schemas.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes outcomes to the outcomes topic, keyed by org id, and says when the broker has them:
 * only then may the command's offset be committed.
 */
final class OutcomePublisher implements AutoCloseable {

    private final Producer<String, SpecificRecord> producer;
    private final String executorId;

    OutcomePublisher(Producer<String, SpecificRecord> producer, String executorId) {
        this.producer = producer;
        this.executorId = executorId;
    }

    /** Completes when the outcome is acknowledged by the broker, exceptionally when it cannot be written. */
    CompletableFuture<UpgradeFinished> publish(UpgradeFinished finished) {
        CompletableFuture<UpgradeFinished> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.UPGRADE_OUTCOMES.name(), finished.order().orgId(),
                    CommandMessages.toMessage(finished, executorId)), (metadata, error) -> {
                        if (error != null) {
                            written.completeExceptionally(error);
                        } else {
                            written.complete(finished);
                        }
                    });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    String executorId() {
        return executorId;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
