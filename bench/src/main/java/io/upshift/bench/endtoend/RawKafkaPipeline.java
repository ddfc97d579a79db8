package io.upshift.bench.endtoend;

import io.upshift.bench.support.KafkaGroups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline of the end-to-end benchmark: the same hops as Upshift's command path done by plain
 * Kafka clients with no logic — a producer writes the commands, {@code relays} consumers in one
 * group read them and each writes an outcome, a consumer reads the outcomes — on topics with the
 * partitions of the real ones, with the real records' keys and bytes. Client settings are the
 * kafka-clients defaults (acks=all, idempotence, linger.ms=5).
 */
public final class RawKafkaPipeline {

    /** What one pass measured: first command sent → last outcome read. */
    public record Measurement(int records, Duration span) {
        public double perSecond() {
            return records / (span.toNanos() / 1e9);
        }
    }

    private final String bootstrap;
    private final int commandPartitions;
    private final int outcomePartitions;

    public RawKafkaPipeline(String bootstrap, int commandPartitions, int outcomePartitions) {
        this.bootstrap = bootstrap;
        this.commandPartitions = commandPartitions;
        this.outcomePartitions = outcomePartitions;
    }

    /** Runs {@code keys.size()} records through as fast as they go; record {@code i} belongs to {@code keys.get(i)}. */
    public Measurement run(List<String> keys, List<byte[]> commands, List<byte[]> outcomes, int relays, Duration timeout)
            throws InterruptedException {
        return run(keys, commands, outcomes, relays, 0, null, 0, timeout);
    }

    /**
     * Runs the records through at {@code perSecond} (0: as fast as they go), recording each
     * record's time from send to read in microseconds into {@code latencies} (null: not at all),
     * except the first {@code warmUp} records.
     */
    public Measurement run(List<String> keys, List<byte[]> commands, List<byte[]> outcomes, int relays, int perSecond,
            Histogram latencies, int warmUp, Duration timeout) throws InterruptedException {
        return run(keys, commands, outcomes, relays, perSecond, latencies, warmUp, null, timeout);
    }

    /**
     * The durable minimum (#21): the same hops, plus each org's state written to PostgreSQL once per
     * hop — a batch of {@link DurableState#RELEASE_BATCH} releases in one transaction before they are
     * sent, each poll of the outcome readers ({@link DurableState#OUTCOME_CONSUMERS}, up to
     * {@link DurableState#OUTCOME_BATCH} records, the planner's settings) in one transaction before
     * it counts as read.
     */
    public Measurement runDurable(List<String> keys, List<byte[]> commands, List<byte[]> outcomes, int relays,
            DurableState durable, Duration timeout) throws InterruptedException {
        return run(keys, commands, outcomes, relays, 0, null, 0, durable, timeout);
    }

    private Measurement run(List<String> keys, List<byte[]> commands, List<byte[]> outcomes, int relays, int perSecond,
            Histogram latencies, int warmUp, DurableState durable, Duration timeout) throws InterruptedException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String commandTopic = "bench.raw-commands." + id;
        String outcomeTopic = "bench.raw-outcomes." + id;
        String relayGroup = "bench-raw-relay-" + id;
        String sinkGroup = "bench-raw-sink-" + id;
        int n = keys.size();
        try (KafkaGroups kafka = new KafkaGroups(bootstrap)) {
            kafka.createTopic(commandTopic, commandPartitions);
            kafka.createTopic(outcomeTopic, outcomePartitions);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong received = new AtomicLong();
            AtomicLong lastReceivedNanos = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            Map<String, Long> sentAt = new ConcurrentHashMap<>(latencies == null ? 16 : n * 2);
            List<Thread> threads = new ArrayList<>();
            try {
                // the outcome reader(s) ("the planner")
                int sinks = durable == null ? 1 : DurableState.OUTCOME_CONSUMERS;
                for (int k = 0; k < sinks; k++) {
                    threads.add(Thread.ofPlatform().name("bench-raw-sink-" + k).start(() -> {
                        try (KafkaConsumer<String, byte[]> sink = durable == null ? consumer(sinkGroup)
                                : consumer(sinkGroup, DurableState.OUTCOME_BATCH)) {
                            sink.subscribe(List.of(outcomeTopic));
                            while (!stop.get()) {
                                ConsumerRecords<String, byte[]> records = sink.poll(Duration.ofMillis(50));
                                if (durable != null && !records.isEmpty()) {
                                    List<String> orgs = new ArrayList<>(records.count());
                                    records.forEach(r -> orgs.add(r.key()));
                                    durable.applied(orgs);
                                }
                                if (latencies != null) {
                                    long now = System.nanoTime();
                                    for (ConsumerRecord<String, byte[]> record : records) {
                                        Long sent = sentAt.get(record.key());
                                        if (sent != null) {
                                            latencies.recordValue(Math.max(0, (now - sent) / 1_000));
                                        }
                                    }
                                }
                                if (!records.isEmpty() && received.addAndGet(records.count()) >= n) {
                                    lastReceivedNanos.set(System.nanoTime());
                                    done.countDown();
                                }
                            }
                        }
                    }));
                }
                // the relays ("the executors"): read a command, write its outcome
                Map<String, byte[]> outcomeByKey = new java.util.HashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    outcomeByKey.put(keys.get(i), outcomes.get(i));
                }
                for (int r = 0; r < relays; r++) {
                    threads.add(Thread.ofPlatform().name("bench-raw-relay-" + r).start(() -> {
                        try (KafkaConsumer<String, byte[]> in = consumer(relayGroup);
                                KafkaProducer<String, byte[]> out = producer()) {
                            in.subscribe(List.of(commandTopic));
                            while (!stop.get()) {
                                for (ConsumerRecord<String, byte[]> record : in.poll(Duration.ofMillis(50))) {
                                    out.send(new ProducerRecord<>(outcomeTopic, record.key(), outcomeByKey.get(record.key())));
                                }
                            }
                        }
                    }));
                }
                kafka.awaitStable(sinkGroup, sinks, outcomeTopic, outcomePartitions, Duration.ofSeconds(60));
                kafka.awaitStable(relayGroup, relays, commandTopic, commandPartitions, Duration.ofSeconds(60));

                // the command writer ("the planner's outbox relay")
                long start = System.nanoTime();
                try (KafkaProducer<String, byte[]> producer = producer()) {
                    for (int i = 0; i < n; i++) {
                        if (durable != null && i % DurableState.RELEASE_BATCH == 0) {
                            durable.released(keys.subList(i, Math.min(n, i + DurableState.RELEASE_BATCH)));
                        }
                        if (perSecond > 0) {
                            // paced: record i leaves at start + i / rate
                            long due = start + (long) (i * 1e9 / perSecond);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        if (latencies != null && i >= warmUp) {
                            sentAt.put(keys.get(i), System.nanoTime());
                        }
                        producer.send(new ProducerRecord<>(commandTopic, keys.get(i), commands.get(i)));
                    }
                    producer.flush();
                }
                if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the raw pipeline passed " + received.get() + " of " + n
                            + " records within " + timeout);
                }
                return new Measurement(n, Duration.ofNanos(lastReceivedNanos.get() - start));
            } finally {
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join(10_000);
                }
                kafka.deleteTopics(List.of(commandTopic, outcomeTopic));
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        return consumer(group, 500);
    }

    private KafkaConsumer<String, byte[]> consumer(String group, int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }
}
