package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.executor.execution.domain.RetryPolicy;
import io.upshift.executor.execution.domain.RunObserver;
import io.upshift.executor.execution.domain.Scheduler;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.mock.MockConsumerFactory;

/** The commands loop against Kafka's MockConsumer: commits, the cap, per-org order, failures, hand-overs. */
class CommandConsumerTest {

    private static final String TOPIC = Topics.UPGRADE_COMMANDS.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SlowMockConsumer kafka = new SlowMockConsumer();
    private final MockProducer<String, SpecificRecord> producer = new MockProducer<>(true, null, new StringSerializer(),
            (topic, value) -> new byte[0]);
    private final HeldGateway gateway = new HeldGateway();
    private final List<ConsumerRecord<?, ?>> deadLetters = new CopyOnWriteArrayList<>();
    private final Set<String> brokenOrgs = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private CommandConsumer consumer;

    @AfterEach
    void stop() {
        if (consumer != null && consumer.isRunning()) {
            consumer.crash();
        }
        timers.shutdownNow();
    }

    @Test
    void commitsOnlyUpToTheFirstCommandWithoutAnOutcomeAndNamesTheFinishedOnesAfterIt() {
        start(10, List.of(P0));
        records(P0, 0, org(1), org(2), org(3));
        awaitUpgrades(3);

        gateway.succeed(org(2));
        gateway.succeed(org(3));
        await().atMost(WAIT).until(() -> outcomes().size() == 2);
        await().atMost(WAIT).until(() -> finishedAbove(committed(P0)).equals(Set.of(1L, 2L)));
        assertThat(committed(P0).offset()).isZero();

        gateway.succeed(org(1));

        await().atMost(WAIT).until(() -> committed(P0) != null && committed(P0).offset() == 3);
        assertThat(outcomes()).extracting(UpgradeOutcome::getOrgId).containsExactly(org(2), org(3), org(1));
    }

    @Test
    void pausesFetchingAtTheCapAndStartsWaitingCommandsAsUpgradesEnd() {
        start(3, List.of(P0));
        records(P0, 0, org(1), org(2), org(3), org(4), org(5));
        awaitUpgrades(3);
        await().atMost(WAIT).until(() -> consumer.fetchingPaused() && kafka.pausedPartitions().contains(P0));

        gateway.succeed(org(1));
        awaitUpgrades(4);
        gateway.succeed(org(2));
        gateway.succeed(org(3));
        awaitUpgrades(5);
        gateway.succeed(org(4));
        gateway.succeed(org(5));

        await().atMost(WAIT).until(() -> !consumer.fetchingPaused() && outcomes().size() == 5);
        assertThat(consumer.highestRunningUpgrades()).isEqualTo(3);
        assertThat(kafka.pausedPartitions()).isEmpty();
    }

    @Test
    void runsTheCommandsOfOneOrgOneAfterTheOther() {
        start(10, List.of(P0));
        records(P0, 0, org(1), org(1), org(2));
        awaitUpgrades(2);
        assertThat(gateway.calls).containsExactlyInAnyOrder(org(1), org(2));

        gateway.succeed(org(1));

        awaitUpgrades(3);
        assertThat(gateway.calls).containsExactlyInAnyOrder(org(1), org(2), org(1));
    }

    @Test
    void deadLettersACommandWhoseProcessingKeepsFailingAndMovesOn() {
        brokenOrgs.add(org(1));
        start(10, List.of(P0));
        records(P0, 0, org(1), org(2));
        awaitUpgrades(2);

        gateway.succeed(org(1)); // the run fails after the push: a bug, not an upgrade failure
        awaitUpgrades(3); // the second delivery attempt
        gateway.succeed(org(1)); // fails again: no attempts left
        gateway.succeed(org(2));

        await().atMost(WAIT).until(() -> deadLetters.size() == 1 && committed(P0) != null && committed(P0).offset() == 2);
        assertThat(deadLetters.getFirst().offset()).isZero();
        assertThat(outcomes()).extracting(UpgradeOutcome::getOrgId).containsExactly(org(2));
    }

    @Test
    void dropsTheWorkOfARevokedPartitionWithoutWritingItsOutcomes() {
        start(10, List.of(P0, P1));
        records(P1, 0, org(7), org(8));
        awaitUpgrades(2);

        kafka.schedulePollTask(() -> kafka.rebalance(List.of(P0)));
        await().atMost(WAIT).until(() -> consumer.assignedPartitions() == 1);
        gateway.succeed(org(7));
        gateway.succeed(org(8));

        await().atMost(WAIT).until(() -> consumer.runningUpgrades() == 0 && consumer.heldCommands() == 0);
        assertThat(outcomes()).isEmpty();
        assertThat(committed(P1)).isNull();
    }

    @Test
    void skipsTheCommandsItsPreviousOwnerFinishedAboveTheCommittedOffset() {
        BitSet finished = new BitSet();
        finished.set(1);
        kafka.previousOwnerCommitted(Map.of(P0, new OffsetAndMetadata(0, PartitionProgress.METADATA_PREFIX
                + Base64.getEncoder().encodeToString(finished.toByteArray()))));
        start(10, List.of(P0));
        records(P0, 0, org(1), org(2), org(3));

        awaitUpgrades(2);
        gateway.succeed(org(1));
        gateway.succeed(org(3));

        await().atMost(WAIT).until(() -> committed(P0).offset() == 3);
        assertThat(gateway.calls).containsExactlyInAnyOrder(org(1), org(3));
    }

    @Test
    void aGracefulStopLetsRunningUpgradesFinishCommitsThemAndStartsNothingNew() throws Exception {
        start(1, List.of(P0));
        records(P0, 0, org(1), org(2));
        awaitUpgrades(1);
        CompletableFuture<Void> stopped = new CompletableFuture<>();

        consumer.stop(() -> stopped.complete(null));
        gateway.succeed(org(1));

        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(committed(P0).offset()).isEqualTo(1);
        assertThat(gateway.calls).containsExactly(org(1));
        assertThat(outcomes()).extracting(UpgradeOutcome::getOrgId).containsExactly(org(1));
    }

    @Test
    void aCrashWritesNoMoreOutcomesAndCommitsNothingMore() {
        start(10, List.of(P0));
        records(P0, 0, org(1));
        awaitUpgrades(1);

        consumer.crash();
        gateway.succeed(org(1));

        assertThat(consumer.isRunning()).isFalse();
        assertThat(outcomes()).isEmpty();
        assertThat(committed(P0)).isNull();
    }

    // --- fixture -------------------------------------------------------------------------------

    private void start(int maxInFlight, List<TopicPartition> assignment) {
        kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        Scheduler scheduler = (delay, task) -> {
            ScheduledFuture<?> future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
        RunObserver observer = new RunObserver() {
            @Override
            public void gatewayCall(String operation, String result) {
                if (UpgradeRunner.UPGRADE.equals(operation) && brokenOrgs.contains(gateway.lastAnsweredOrg)) {
                    throw new IllegalStateException("a bug while recording the answer");
                }
            }

            @Override
            public void retryScheduled(String errorCode) {
            }
        };
        UpgradeRunner runner = new UpgradeRunner(gateway, campaign -> Optional.empty(),
                new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO), Duration.ofSeconds(30), Duration.ofHours(1),
                scheduler, Clock.systemUTC(), () -> 0.5, observer);
        consumer = new CommandConsumer(new MockConsumerFactory<>(() -> kafka),
                new OutcomePublisher(producer, "executor-test"), runner, (record, exception) -> deadLetters.add(record),
                timeout -> true, new ConsumerSettings(maxInFlight, Duration.ofMillis(10), Duration.ofMillis(10),
                        Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofSeconds(1)),
                new ExecutorMetrics(new SimpleMeterRegistry()));
        kafka.schedulePollTask(() -> kafka.rebalance(assignment));
        consumer.start();
        await().atMost(WAIT).until(() -> consumer.assignedPartitions() == assignment.size());
    }

    private void records(TopicPartition partition, long firstOffset, String... orgs) {
        kafka.schedulePollTask(() -> {
            long offset = firstOffset;
            for (String org : orgs) {
                kafka.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset++, org, command(org)));
            }
        });
    }

    private void awaitUpgrades(int calls) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(gateway.calls).hasSize(calls));
    }

    private OffsetAndMetadata committed(TopicPartition partition) {
        return kafka.lastCommitted.get(partition);
    }

    private static Set<Long> finishedAbove(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || committed.metadata().isEmpty()) {
            return Set.of();
        }
        PartitionProgress progress = new PartitionProgress(P0);
        progress.resumeFrom(committed);
        return java.util.stream.LongStream.range(committed.offset(), committed.offset() + 64)
                .filter(progress::finishedEarlier).boxed().collect(java.util.stream.Collectors.toSet());
    }

    private List<UpgradeOutcome> outcomes() {
        return producer.history().stream().map(ProducerRecord::value).map(UpgradeOutcome.class::cast).toList();
    }

    private static String org(int n) {
        return Commands.orgId(n);
    }

    private static UpgradeCommand command(String org) {
        Instant now = Instant.now();
        return Commands.command(org).setNotBefore(now.minusSeconds(60)).setNotAfter(now.plusSeconds(3600)).build();
    }

    /** MockConsumer's poll never waits; this one naps when there is nothing, as a real poll would. */
    private static final class SlowMockConsumer extends MockConsumer<String, UpgradeCommand> {
        /** What the loop committed last, readable after the consumer closed. */
        final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new ConcurrentHashMap<>();

        SlowMockConsumer() {
            super("earliest");
        }

        synchronized void previousOwnerCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
            lastCommitted.putAll(offsets);
        }

        // MockConsumer drops commit metadata and forgets commits on subscribe; a broker does neither.
        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                Duration timeout) {
            Map<TopicPartition, OffsetAndMetadata> found = new java.util.HashMap<>();
            partitions.forEach(partition -> {
                if (lastCommitted.containsKey(partition)) {
                    found.put(partition, lastCommitted.get(partition));
                }
            });
            return found;
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
            super.commitAsync(offsets, callback);
            lastCommitted.putAll(offsets);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            super.commitSync(offsets, timeout);
            lastCommitted.putAll(offsets);
        }

        @Override
        public ConsumerRecords<String, UpgradeCommand> poll(Duration timeout) {
            ConsumerRecords<String, UpgradeCommand> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(2); // stands in for the broker's wait, not an assertion
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }

        synchronized Set<TopicPartition> pausedPartitions() {
            return Set.copyOf(paused());
        }
    }

    /** A gateway whose pushes end when the test says so. */
    private static final class HeldGateway implements UpgradeGateway {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final Map<String, Queue<CompletableFuture<UpgradeResult>>> pending = new ConcurrentHashMap<>();
        volatile String lastAnsweredOrg;

        @Override
        public CompletionStage<Optional<String>> installedVersion(String orgId, String packageId) {
            return CompletableFuture.completedFuture(Optional.of("4.1.3"));
        }

        @Override
        public synchronized CompletionStage<UpgradeResult> upgrade(UpgradeRequest request) {
            CompletableFuture<UpgradeResult> push = new CompletableFuture<>();
            pending.computeIfAbsent(request.orgId(), org -> new ArrayDeque<>()).add(push);
            calls.add(request.orgId());
            return push;
        }

        synchronized int pendingFor(String org) {
            return pending.getOrDefault(org, new ArrayDeque<>()).size();
        }

        void succeed(String org) {
            CompletableFuture<UpgradeResult> push;
            synchronized (this) {
                push = pending.get(org).poll();
            }
            lastAnsweredOrg = org;
            push.complete(new UpgradeResult.Succeeded("4.2.1"));
        }
    }
}
