package io.upshift.planner.outbox.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.common.lifecycle.BackgroundLoop;
import io.upshift.planner.outbox.AvroPayloads;
import io.upshift.planner.outbox.DeferredMessages;
import io.upshift.planner.outbox.MessageKind;
import io.upshift.planner.outbox.OutgoingMessage;
import io.upshift.planner.outbox.OutboxSignal;
import io.upshift.planner.outbox.config.OutboxProperties;
import io.upshift.planner.shared.jdbc.Sql;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.CompressionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. One relay is active at a time
 * across planner replicas (a transaction-scoped PostgreSQL advisory lock), so messages about one
 * campaign or org leave in the order they were written. A batch is published, acknowledged by the
 * broker, then marked sent in one statement; a crash in between publishes the batch again on
 * restart: at least once, never lost, duplicates carry the same ids (see DESIGN.md). Each topic is
 * written with the compression the catalogue gives it ({@link Topic#compression()}), so the relay
 * keeps one producer per codec; every topic has one codec, so one producer, and its order per partition.
 * Besides outbox rows it sends {@link DeferredMessages} (a campaign's SCHEDULED notices, built from its
 * targets): those first in each round, then the round's outbox rows, so a message written to the
 * outbox after a target's state changed leaves after the notice built from the older state.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key of the relay ("upshift" in ASCII). */
    private static final long RELAY_LOCK = 0x7570736869667401L;
    private static final Map<String, Topic<?>> TOPICS = Topics.all().stream()
            .collect(Collectors.toUnmodifiableMap(Topic::name, Function.identity()));

    private static final String NOTIFIED = """
            update campaign_target t set state = 'NOTIFIED', updated_at = ?
            from unnest(?::bigint[]) as v(id) join outbox o on o.id = v.id
            where o.kind = 'NOTICE' and t.campaign_id = o.campaign_id
              and t.org_id = o.org_id and t.notice_id = o.ref and t.state = 'PLANNED'""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AvroKafka avroKafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<DeferredMessages> deferred;
    private final Map<MessageKind, Counter> published = new EnumMap<>(MessageKind.class);
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong pendingRows = new AtomicLong();

    private final BackgroundLoop loop;
    private final Map<CompressionType, ProducerFactory<String, SpecificRecord>> producerFactories =
            new EnumMap<>(CompressionType.class);
    private final Map<CompressionType, Producer<String, SpecificRecord>> producers = new EnumMap<>(CompressionType.class);
    private Instant nextMonitor = Instant.EPOCH;

    OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AvroKafka avroKafka,
            OutboxProperties properties, OutboxSignal signal, Clock clock,
            MeterRegistry meters, ObjectProvider<DeferredMessages> deferred) {
        this.deferred = deferred.orderedStream().toList();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.avroKafka = avroKafka;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        for (MessageKind kind : MessageKind.values()) {
            published.put(kind, Counter.builder(PlannerMetrics.OUTBOX_PUBLISHED)
                    .description("Outbox rows published to Kafka").tag("kind", kind.name()).register(meters));
        }
        Gauge.builder(PlannerMetrics.OUTBOX_LAG, lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published").register(meters);
        Gauge.builder(PlannerMetrics.OUTBOX_PENDING, pendingRows, AtomicLong::get).baseUnit("rows")
                .description("Outbox rows not yet published").register(meters);
        // stops after the listeners and the campaign loop, so what they wrote last still leaves
        this.loop = BackgroundLoop.named("outbox-relay").phase(Integer.MAX_VALUE - 200)
                .step(this::round)
                .pause(signal::await, signal::wake)
                .afterFailure(properties.retryBackoff(), e -> closeProducer())
                .stopTimeout(properties.sendTimeout().plusSeconds(5))
                .build();
    }

    @Override
    public void start() {
        for (Topic<?> topic : TOPICS.values()) {
            producerFactories.computeIfAbsent(topic.compression(), codec -> {
                Map<String, Object> config = new HashMap<>(topic.producerConfig());
                config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
                config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
                // delivery.timeout.ms must cover linger.ms + request.timeout.ms
                config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(properties.sendTimeout().toMillis(), 2_000));
                config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(properties.sendTimeout().toMillis() / 3, 500));
                config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.sendTimeout().toMillis());
                ProducerFactory<String, SpecificRecord> factory = avroKafka.producerFactory(config);
                // the Kafka client's own metrics (send rate, errors, retries) on /actuator/prometheus
                factory.addListener(new MicrometerProducerListener<>(meters));
                return factory;
            });
        }
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
        closeProducer();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return loop.getPhase();
    }

    /** One round: a batch, then the monitoring when due; a full batch goes on at once, else it waits for work. */
    private Duration round() {
        int relayed = relayOnce();
        monitor();
        return relayed < properties.batchSize() ? properties.pollInterval() : Duration.ZERO;
    }

    /** One batch: publish, wait for the broker, mark sent. Returns the messages relayed. */
    int relayOnce() {
        Integer relayed = transactions.execute(status -> {
            Boolean leader = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(leader)) {
                return 0;
            }
            // the deferred messages are read first: a later state change's outbox row is then read after them
            Map<DeferredMessages, List<OutgoingMessage>> owed = new LinkedHashMap<>();
            for (DeferredMessages source : deferred) {
                List<OutgoingMessage> due = source.due(properties.batchSize());
                if (!due.isEmpty()) {
                    owed.put(source, due);
                }
            }
            List<Row> rows = jdbc.query("""
                    select id, topic, message_key, payload, kind from outbox
                    where sent_at is null order by id limit ?""",
                    (rs, i) -> new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
                            rs.getBytes("payload"), MessageKind.valueOf(rs.getString("kind"))),
                    properties.batchSize());
            if (rows.isEmpty() && owed.isEmpty()) {
                return 0;
            }
            List<Send> sends = new ArrayList<>();
            owed.values().forEach(messages -> messages.forEach(m -> sends.add(new Send(m.topic(), m.key(),
                    m.value(), m.kind()))));
            for (Row row : rows) {
                Topic<?> topic = TOPICS.get(row.topic());
                if (topic == null) {
                    throw new IllegalStateException("outbox row " + row.id() + " names unknown topic " + row.topic());
                }
                sends.add(new Send(topic, row.key(), AvroPayloads.decode(topic.valueType(), row.payload()), row.kind()));
            }
            publish(sends);
            Instant now = clock.instant();
            owed.forEach((source, messages) -> source.markSent(messages, now));
            if (!rows.isEmpty()) {
                String ids = Sql.array(rows.stream().map(Row::id).toList());
                // joins with the ids rather than "id = any(…)": see OutcomeStore.issued
                jdbc.update("update outbox o set sent_at = ? from unnest(?::bigint[]) as v(id) where o.id = v.id",
                        Sql.ts(now), ids);
                if (rows.stream().anyMatch(r -> r.kind() == MessageKind.NOTICE)) {
                    jdbc.update(NOTIFIED, Sql.ts(now), ids);
                }
            }
            return sends.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private void publish(List<Send> sends) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(sends.size());
        Set<Producer<String, SpecificRecord>> used = new HashSet<>();
        for (Send send : sends) {
            Producer<String, SpecificRecord> p = producer(send.topic().compression());
            used.add(p);
            acks.add(p.send(new ProducerRecord<>(send.topic().name(), send.key(), send.value())));
        }
        used.forEach(Producer::flush);
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the outbox", e);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not acknowledge an outbox batch: " + e, e);
            }
        }
        sends.forEach(s -> published.get(s.kind()).increment());
    }

    private void monitor() {
        Instant now = clock.instant();
        if (now.isBefore(nextMonitor)) {
            return;
        }
        nextMonitor = now.plus(properties.monitorInterval());
        jdbc.query("select count(*) as n, min(created_at) as oldest from outbox where sent_at is null", rs -> {
            // deferred messages count as pending; the lag stays the outbox rows' (a target has no "owed since")
            pendingRows.set(rs.getLong("n") + deferred.stream().mapToLong(DeferredMessages::pending).sum());
            Instant oldest = Sql.instant(rs, "oldest");
            lagMillis.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis()));
        });
        // purge in slices so a big backlog of sent rows never holds a long transaction
        int purged;
        do {
            purged = jdbc.update("""
                    delete from outbox where id in (
                      select id from outbox where sent_at < ? order by sent_at limit 10000)""",
                    Sql.ts(now.minus(properties.retention())));
        } while (purged == 10_000 && loop.isRunning());
    }

    private Producer<String, SpecificRecord> producer(CompressionType codec) {
        return producers.computeIfAbsent(codec, c -> producerFactories.get(c).createProducer());
    }

    private void closeProducer() {
        List<Producer<String, SpecificRecord>> open = List.copyOf(producers.values());
        producers.clear();
        for (Producer<String, SpecificRecord> p : open) {
            try {
                p.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("closing a relay producer failed: {}", e.toString());
            }
        }
        producerFactories.values().forEach(f -> {
            if (f instanceof org.springframework.kafka.core.DefaultKafkaProducerFactory<?, ?> factory) {
                factory.reset();
            }
        });
    }

    private record Row(long id, String topic, String key, byte[] payload, MessageKind kind) {
    }

    /** One message to publish, from an outbox row or a deferred source. */
    private record Send(Topic<?> topic, String key, SpecificRecord value, MessageKind kind) {
    }
}
