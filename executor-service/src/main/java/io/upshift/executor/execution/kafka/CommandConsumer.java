package io.upshift.executor.execution.kafka;

import io.upshift.executor.execution.domain.CampaignCatchUp;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Consumes upgrade commands in the executor group and keeps thousands of upgrades in flight on
 * one thread: it polls, hands each command to the {@link UpgradeRunner} (which never blocks),
 * and commits a partition's offset only up to the first command whose outcome is not written
 * yet, however out of order the upgrades end. Why this loop and not a listener container: see
 * DESIGN.md beside this class. This class owns the consumer's life (start, graceful stop, crash),
 * the poll loop, pausing at the in-flight cap and the rebalance listener; the commands it holds
 * are kept by {@link InFlightCommands}, its commits made by {@link OffsetCommits}.
 *
 * <p>Everything below is confined to the consumer's thread, except the mailbox through which
 * finished runs report back and the few volatile flags and counters read by gauges.
 */
final class CommandConsumer implements SmartLifecycle {

    /** After the campaign-events reader at start-up (it waits for it), before it at shutdown. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private final ConsumerFactory<String, UpgradeCommand> consumers;
    private final OutcomePublisher publisher;
    private final CampaignCatchUp campaignCatchUp;
    private final ConsumerSettings settings;
    private final ExecutorMetrics metrics;
    /** Named after the executor: several run in one JVM in tests and in the demo. */
    private final Logger log;

    // Consumer-thread state.
    private final InFlightCommands inFlight;
    private final Map<TopicPartition, PartitionProgress> partitions;
    private final OffsetCommits offsets;
    private boolean paused;

    // Read by gauges, health and tests.
    private volatile boolean fetchingPaused;
    private volatile int assignedPartitions;
    private volatile String state = "starting";
    private volatile String failure;

    // Lifecycle.
    private volatile boolean active;
    private volatile boolean stopRequested;
    private volatile boolean crashRequested;
    private volatile Consumer<String, UpgradeCommand> consumer;
    private volatile Runnable stopCallback;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread thread;

    CommandConsumer(ConsumerFactory<String, UpgradeCommand> consumers, OutcomePublisher publisher, UpgradeRunner runner,
            ConsumerRecordRecoverer deadLetters, CampaignCatchUp campaignCatchUp, ConsumerSettings settings,
            ExecutorMetrics metrics) {
        this.consumers = consumers;
        this.publisher = publisher;
        this.campaignCatchUp = campaignCatchUp;
        this.settings = settings;
        this.metrics = metrics;
        this.log = LoggerFactory.getLogger(CommandConsumer.class.getName() + "." + publisher.executorId());
        this.inFlight = new InFlightCommands(publisher, runner, deadLetters, settings, metrics, log,
                () -> stopRequested);
        this.partitions = inFlight.partitions();
        this.offsets = new OffsetCommits(partitions, settings.commitInterval(), log);
        metrics.bindConsumer(inFlight::held, inFlight::running, () -> fetchingPaused ? 1 : 0);
    }

    // --- lifecycle -----------------------------------------------------------------------------

    @Override
    public void start() {
        active = true;
        thread = new Thread(this::loop, "upshift-executor-commands-" + publisher.executorId());
        thread.start();
    }

    /**
     * Graceful stop: fetching pauses, running upgrades get {@code shutdownGrace} to finish, finished
     * offsets are committed and the consumer leaves the group. The rest is redelivered elsewhere.
     */
    @Override
    public void stop(Runnable callback) {
        if (thread == null || !thread.isAlive()) {
            active = false;
            callback.run();
            return;
        }
        stopCallback = callback;
        stopRequested = true;
        Consumer<String, UpgradeCommand> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void stop() {
        stop(() -> { });
        awaitFinished(settings.shutdownGrace().plusSeconds(30));
    }

    /**
     * Stops at once as if the process died: no outcome is written from now on and nothing more is
     * committed. Another replica gets the partitions and the uncommitted commands again.
     */
    void crash() {
        crashRequested = true;
        inFlight.abandonAll();
        Consumer<String, UpgradeCommand> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        awaitFinished(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    int heldCommands() {
        return inFlight.held();
    }

    int runningUpgrades() {
        return inFlight.running();
    }

    /** The most upgrades that ever ran at once here: never above the in-flight cap. */
    int highestRunningUpgrades() {
        return inFlight.highestRunning();
    }

    boolean fetchingPaused() {
        return fetchingPaused;
    }

    int assignedPartitions() {
        return assignedPartitions;
    }

    /** starting, waiting-for-campaign-events, consuming, stopping, stopped or failed. */
    String state() {
        return state;
    }

    /** Why the loop died, when it did. */
    String failure() {
        return failure;
    }

    private void awaitFinished(Duration timeout) {
        try {
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("commands consumer did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the loop ------------------------------------------------------------------------------

    private void loop() {
        try {
            state = "waiting-for-campaign-events";
            if (!awaitCampaignState()) {
                return;
            }
            try (Consumer<String, UpgradeCommand> commands = consumers.createConsumer(null, null)) {
                consumer = commands;
                state = "consuming";
                commands.subscribe(List.of(Topics.UPGRADE_COMMANDS.name()), new Rebalance(commands));
                runUntilStopped(commands);
                if (!crashRequested) {
                    finishGracefully(commands);
                }
            }
            state = "stopped";
        } catch (RuntimeException | Error e) {
            failure = e.toString();
            state = "failed";
            log.error("commands consumer failed; this executor takes no more commands", e);
        } finally {
            if (!"failed".equals(state)) {
                state = "stopped";
            }
            consumer = null;
            inFlight.abandonAll();
            active = false;
            finished.countDown();
            Runnable callback = stopCallback;
            if (callback != null) {
                callback.run();
            }
        }
    }

    private boolean awaitCampaignState() {
        try {
            while (!campaignCatchUp.awaitCaughtUp(settings.campaignCatchUpLog())) {
                if (stopRequested || crashRequested) {
                    return false;
                }
                log.info("commands wait: the campaign events are not read up to their end yet");
            }
            return !(stopRequested || crashRequested);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void runUntilStopped(Consumer<String, UpgradeCommand> commands) {
        long graceEnds = 0;
        while (!crashRequested) {
            if (stopRequested) {
                if (graceEnds == 0) {
                    state = "stopping";
                    graceEnds = System.nanoTime() + settings.shutdownGrace().toNanos();
                    log.info("stopping: {} upgrades running get up to {} to finish; {} commands not started are left "
                            + "for redelivery", inFlight.running(), settings.shutdownGrace(),
                            Math.max(0, inFlight.held() - inFlight.running()));
                }
                if (inFlight.running() == 0 || System.nanoTime() - graceEnds >= 0) {
                    return;
                }
            }
            ConsumerRecords<String, UpgradeCommand> records;
            try {
                records = commands.poll(settings.pollTimeout());
            } catch (WakeupException e) {
                continue;
            } catch (RetriableException e) {
                // The client retries these itself; a poll that still surfaces one is worth another go.
                log.warn("polling commands failed, polling again: {}", e.toString());
                continue;
            }
            for (ConsumerRecord<String, UpgradeCommand> record : records) {
                inFlight.admit(record);
            }
            inFlight.drainMailbox();
            inFlight.runDelayed();
            if (!stopRequested) {
                inFlight.startReady();
            }
            offsets.commitIfDue(commands, false);
            adjustPause(commands);
        }
    }

    private void finishGracefully(Consumer<String, UpgradeCommand> commands) {
        inFlight.drainMailbox();
        int unfinished = inFlight.running();
        inFlight.abandonAll();
        offsets.commitIfDue(commands, true);
        if (unfinished > 0) {
            log.warn("stopped with {} upgrades still running after the grace period: their commands are redelivered "
                    + "and the gateway adopts the pushes under way", unfinished);
        } else {
            log.info("stopped: every running upgrade finished and its offset is committed");
        }
    }

    private void adjustPause(Consumer<String, UpgradeCommand> commands) {
        boolean shouldPause = stopRequested || inFlight.held() >= settings.maxInFlight();
        if (shouldPause != paused) {
            if (shouldPause) {
                commands.pause(commands.assignment());
            } else {
                commands.resume(commands.assignment());
            }
            paused = shouldPause;
            fetchingPaused = shouldPause;
        }
    }

    /** Keeps the bookkeeping in step with the partitions this replica owns. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, UpgradeCommand> commands;

        Rebalance(Consumer<String, UpgradeCommand> commands) {
            this.commands = commands;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            inFlight.drainMailbox();
            if (!crashRequested) {
                List<PartitionProgress> going = revoked.stream().map(partitions::get)
                        .filter(java.util.Objects::nonNull).toList();
                Map<TopicPartition, OffsetAndMetadata> committable = OffsetCommits.committable(going);
                if (!committable.isEmpty()) {
                    offsets.commitSync(commands, committable);
                }
            }
            revoked.forEach(this::drop);
            log.info("partitions revoked: {}", revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(this::drop);
            log.warn("partitions lost (no commit possible): {}", lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(assigned);
            for (TopicPartition partition : assigned) {
                PartitionProgress progress = new PartitionProgress(partition);
                progress.resumeFrom(committed.get(partition));
                partitions.put(partition, progress);
            }
            assignedPartitions = partitions.size();
            if (paused && !assigned.isEmpty()) {
                commands.pause(assigned);
            }
            if (!assigned.isEmpty()) {
                int finishedEarlier = assigned.stream().mapToInt(p -> partitions.get(p).finishedEarlierCount()).sum();
                log.info("partitions assigned: {} ({} records already finished by their previous owner are skipped)",
                        assigned, finishedEarlier);
            }
        }

        private Map<TopicPartition, OffsetAndMetadata> committedOffsets(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return Map.of();
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = commands.committed(new HashSet<>(assigned),
                        Duration.ofSeconds(10));
                return committed == null ? Map.of() : committed;
            } catch (RuntimeException e) {
                log.warn("cannot read the committed offsets of {} ({}): records finished by their previous owner "
                        + "run again", assigned, e.toString());
                return Map.of();
            }
        }

        private void drop(TopicPartition partition) {
            inFlight.drop(partition);
            assignedPartitions = partitions.size();
        }
    }
}
