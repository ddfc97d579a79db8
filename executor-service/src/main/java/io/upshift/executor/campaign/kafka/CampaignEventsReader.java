package io.upshift.executor.campaign.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.lifecycle.BackgroundLoop;
import io.upshift.executor.campaign.domain.CampaignSignal;
import io.upshift.executor.campaign.domain.CampaignStates;
import io.upshift.executor.execution.domain.CampaignCatchUp;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Reads the whole campaign-events topic from its beginning, in every replica, and keeps
 * {@link CampaignStates} current: the topic is compacted, so its latest records say which
 * campaigns are halted or canceled. Partitions are assigned by hand (no consumer group), and
 * nothing is committed. Commands wait until it has caught up with the topic's end at start-up.
 *
 * <p>An unreadable event is logged and counted but not dead-lettered: every replica reads the
 * topic from the start at every start-up, and would otherwise park the same record again each time.
 */
public class CampaignEventsReader implements SmartLifecycle, CampaignCatchUp {

    /** Starts before the commands consumer (which waits for it) and stops after it. */
    public static final int PHASE = Integer.MAX_VALUE - 2000;

    /** Campaign events that could not be read. */
    public static final String UNREADABLE_METRIC = "upshift.executor.campaign.events.unreadable";

    private static final Logger log = LoggerFactory.getLogger(CampaignEventsReader.class);

    private final ConsumerFactory<String, CampaignEvent> consumers;
    private final CampaignStates states;
    private final Counter unreadable;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final BackgroundLoop loop;
    private volatile Consumer<String, CampaignEvent> consumer;

    public CampaignEventsReader(ConsumerFactory<String, CampaignEvent> consumers, CampaignStates states,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.states = states;
        this.unreadable = Counter.builder(UNREADABLE_METRIC)
                .description("Campaign events that could not be decoded and were skipped")
                .register(meters);
        // A failed session (broker gone, topic missing) starts again after a pause between reconnects.
        this.loop = BackgroundLoop.named("upshift-executor-campaign-events").phase(PHASE)
                .step(this::readSession)
                .onStop(this::wakeConsumer)
                .afterFailure(Duration.ofSeconds(1))
                .stopTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Waits until every event present at start-up has been applied. */
    @Override
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** One consumer from the topic's beginning until stopped; a stop wakes its poll. */
    private Duration readSession() {
        try (Consumer<String, CampaignEvent> reader = consumers.createConsumer(null, null)) {
            consumer = reader;
            List<TopicPartition> partitions = reader.partitionsFor(Topics.CAMPAIGN_EVENTS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            while (loop.isRunning()) {
                ConsumerRecords<String, CampaignEvent> records = reader.poll(Duration.ofMillis(200));
                records.forEach(this::apply);
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                    log.info("campaign events: caught up ({} campaigns stopped)", states.stoppedCount());
                    caughtUp.countDown();
                }
            }
            return Duration.ZERO;
        } finally {
            consumer = null;
        }
    }

    private void wakeConsumer() {
        Consumer<String, CampaignEvent> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void apply(ConsumerRecord<String, CampaignEvent> record) {
        CampaignEvent event = record.value();
        if (event == null) {
            if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
                unreadable.increment();
                log.warn("campaign events: skipped an unreadable record at {}-{}@{}", record.topic(),
                        record.partition(), record.offset());
            }
            return; // a tombstone: the campaign was deleted, there is nothing to stop
        }
        states.apply(event.getCampaignId(), event.getOrgId(), signalOf(event.getType()), event.getReason(), event.getAt());
    }

    static CampaignSignal signalOf(CampaignEventType type) {
        if (type == null) {
            return CampaignSignal.NONE;
        }
        return switch (type) {
            case HALTED, WAVE_HALTED -> CampaignSignal.HALTED;
            case CANCELED -> CampaignSignal.CANCELED;
            case ORG_REMOVED -> CampaignSignal.ORG_REMOVED;
            case STARTED, RESUMED -> CampaignSignal.RESUMED;
            default -> CampaignSignal.NONE;
        };
    }
}
