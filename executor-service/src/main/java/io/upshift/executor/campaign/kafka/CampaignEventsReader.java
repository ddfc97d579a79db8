package io.upshift.executor.campaign.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.executor.campaign.domain.CampaignSignal;
import io.upshift.executor.campaign.domain.CampaignStates;
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
import org.apache.kafka.common.errors.WakeupException;
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
public class CampaignEventsReader implements SmartLifecycle {

    /** Starts before the commands consumer (which waits for it) and stops after it. */
    public static final int PHASE = Integer.MAX_VALUE - 2000;

    /** Campaign events that could not be read. */
    public static final String UNREADABLE_METRIC = "upshift.executor.campaign.events.unreadable";

    private static final Logger log = LoggerFactory.getLogger(CampaignEventsReader.class);

    private final ConsumerFactory<String, CampaignEvent> consumers;
    private final CampaignStates states;
    private final Counter unreadable;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, CampaignEvent> consumer;
    private Thread thread;

    public CampaignEventsReader(ConsumerFactory<String, CampaignEvent> consumers, CampaignStates states,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.states = states;
        this.unreadable = Counter.builder(UNREADABLE_METRIC)
                .description("Campaign events that could not be decoded and were skipped")
                .register(meters);
    }

    /** Waits until every event present at start-up has been applied. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::read, "upshift-executor-campaign-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, CampaignEvent> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void read() {
        while (running) {
            try (Consumer<String, CampaignEvent> reader = consumers.createConsumer(null, null)) {
                consumer = reader;
                List<TopicPartition> partitions = reader.partitionsFor(Topics.CAMPAIGN_EVENTS.name()).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
                while (running) {
                    ConsumerRecords<String, CampaignEvent> records = reader.poll(Duration.ofMillis(200));
                    records.forEach(this::apply);
                    if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                            .allMatch(end -> reader.position(end.getKey()) >= end.getValue())) {
                        log.info("campaign events: caught up ({} campaigns stopped)", states.stoppedCount());
                        caughtUp.countDown();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the poll: the loop condition ends the thread.
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("campaign events: reader failed, starting again in 1 s: {}", e.toString());
                    sleepQuietly();
                }
            } finally {
                consumer = null;
            }
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

    private void sleepQuietly() {
        try {
            Thread.sleep(1000); // a pause between reconnects, not a wait for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
