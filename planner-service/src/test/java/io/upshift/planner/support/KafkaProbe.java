package io.upshift.planner.support;

import io.upshift.devstack.DevStack;
import io.upshift.schemas.Topic;
import io.upshift.schemas.serde.SchemaRegistries;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reads and writes the devstack's topics the way another service would: a plain consumer that
 * reads a topic from the beginning (other tests' records included — filter by campaign), and a
 * plain producer, both with the real schema registry.
 */
public final class KafkaProbe<V extends SpecificRecord> implements AutoCloseable {

    private final Topic<V> topic;
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    private KafkaProbe(Topic<V> topic) {
        this.topic = topic;
        DevStack stack = DevStack.shared();
        SchemaRegistryClient registry = SchemaRegistries.forUrl(stack.schemaRegistryUrl());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                topic.keyDeserializer(),
                // an undecodable record (a poison pill in a dead-letter topic) reads as null instead of stopping the probe
                new org.springframework.kafka.support.serializer.ErrorHandlingDeserializer<>(topic.valueDeserializer(registry)));
        consumer.subscribe(List.of(topic.name()));
    }

    public static <V extends SpecificRecord> KafkaProbe<V> read(Topic<V> topic) {
        return new KafkaProbe<>(topic);
    }

    /** Polls until {@code count} records match (or the timeout passes) and returns every match so far. */
    public List<V> await(Predicate<V> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matches(match).size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(match);
    }

    /** Polls for a while and returns every match, to show that nothing more arrives. */
    public List<V> drain(Predicate<V> match, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(match);
    }

    /** Every matching record with its metadata, in the order read. */
    public List<ConsumerRecord<String, V>> records(Predicate<V> match) {
        return seen.stream().filter(r -> r.value() != null && match.test(r.value())).toList();
    }

    private List<V> matches(Predicate<V> match) {
        return seen.stream().map(ConsumerRecord::value).filter(v -> v != null && match.test(v)).toList();
    }

    private void poll(Duration timeout) {
        consumer.poll(timeout).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** A producer for one topic, as a test stands in for another service. */
    public static <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic) {
        DevStack stack = DevStack.shared();
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5),
                topic.keySerializer(), topic.valueSerializer(SchemaRegistries.forUrl(stack.schemaRegistryUrl())));
    }

    public static <V extends SpecificRecord> void send(KafkaProducer<String, V> producer, Topic<V> topic, String key,
            V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
    }
}
