package io.upshift.common.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The one way a consumer gives up on a record: a few quick retries, then the record goes to
 * {@code <topic>.DLT} with Spring Kafka's exception headers, is counted and logged, and the
 * partition moves on. Undecodable records and {@link InvalidMessageException}s skip the retries:
 * reading the same bytes again cannot help.
 */
public final class DeadLetters {

    /** Counter of records sent to a dead-letter topic, tagged by source topic and exception. */
    public static final String DEAD_LETTER_METRIC = "upshift.kafka.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> template,
            UpshiftKafkaProperties properties, MeterRegistry meters) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(template, meters),
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.deliveryAttempts() - 1L));
        handler.addNotRetryableExceptions(DeserializationException.class, InvalidMessageException.class);
        return handler;
    }

    /**
     * The recoverer behind {@link #errorHandler}, for a consumer that runs its own poll loop: it
     * publishes the record to {@code <topic>.DLT} with the failure in headers (raw bytes for an
     * undecodable record), then counts and logs it. Throws when the dead-letter topic cannot be
     * written, so the caller keeps the record.
     */
    public static ConsumerRecordRecoverer recoverer(KafkaOperations<Object, Object> template, MeterRegistry meters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                // A negative partition lets the producer pick one: the DLT need not mirror the source's partitions.
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        return (record, exception) -> {
            publisher.accept(record, exception);
            count(meters, record, exception);
        };
    }

    private static void count(MeterRegistry meters, ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = rootCause(exception);
        log.warn("dead-lettered {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                record.key(), cause.toString());
        Counter.builder(DEAD_LETTER_METRIC)
                .description("Records that could not be processed and were sent to the dead-letter topic")
                .tag("topic", record.topic())
                .tag("exception", cause.getClass().getSimpleName())
                .register(meters)
                .increment();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
