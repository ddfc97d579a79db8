package io.upshift.executor.execution.kafka;

import io.upshift.executor.execution.domain.CampaignCatchUp;
import io.upshift.executor.execution.domain.RunAbandonedException;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Consumes upgrade commands in the executor group and keeps thousands of upgrades in flight on
 * one thread: it polls, hands each command to the {@link UpgradeRunner} (which never blocks),
 * and commits a partition's offset only up to the first command whose outcome is not written
 * yet, however out of order the upgrades end. Why this loop and not a listener container: see
 * DESIGN.md beside this class.
 *
 * <p>Everything below is confined to the consumer's thread, except the mailbox through which
 * finished runs report back and the few volatile flags and counters read by gauges.
 */
final class CommandConsumer implements SmartLifecycle {

    /** After the campaign-events reader at start-up (it waits for it), before it at shutdown. */
    static final int PHASE = Integer.MAX_VALUE - 1000;

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(CommandConsumer.class);

    private final ConsumerFactory<String, UpgradeCommand> consumers;
    private final OutcomePublisher publisher;
    private final UpgradeRunner runner;
    private final ConsumerRecordRecoverer deadLetters;
    private final CampaignCatchUp campaignCatchUp;
    private final ConsumerSettings settings;
    private final ExecutorMetrics metrics;
    /** Named after the executor: several run in one JVM in tests and in the demo. */
    private final Logger log;

    // Consumer-thread state.
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
    private final ArrayDeque<PendingCommand> ready = new ArrayDeque<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private final ConcurrentLinkedQueue<Completion> mailbox = new ConcurrentLinkedQueue<>();
    private boolean paused;
    private long lastCommitNanos;

    // Read by gauges, health and tests.
    private volatile int held;
    private volatile int running;
    private volatile int highestRunning;
    private volatile boolean fetchingPaused;
    private volatile int assignedPartitions;
    private volatile String state = "starting";
    private volatile String failure;

    // Lifecycle.
    private volatile boolean active;
    private volatile boolean stopRequested;
    private volatile boolean crashRequested;
    private volatile boolean abandonAll;
    private volatile Consumer<String, UpgradeCommand> consumer;
    private volatile Runnable stopCallback;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread thread;

    CommandConsumer(ConsumerFactory<String, UpgradeCommand> consumers, OutcomePublisher publisher, UpgradeRunner runner,
            ConsumerRecordRecoverer deadLetters, CampaignCatchUp campaignCatchUp, ConsumerSettings settings,
            ExecutorMetrics metrics) {
        this.consumers = consumers;
        this.publisher = publisher;
        this.runner = runner;
        this.deadLetters = deadLetters;
        this.campaignCatchUp = campaignCatchUp;
        this.settings = settings;
        this.metrics = metrics;
        this.log = LoggerFactory.getLogger(CommandConsumer.class.getName() + "." + publisher.executorId());
        metrics.bindConsumer(() -> held, () -> running, () -> fetchingPaused ? 1 : 0);
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
        abandonAll = true;
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
        return held;
    }

    int runningUpgrades() {
        return running;
    }

    /** The most upgrades that ever ran at once here: never above the in-flight cap. */
    int highestRunningUpgrades() {
        return highestRunning;
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
            abandonAll = true;
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
                            + "for redelivery", running, settings.shutdownGrace(), Math.max(0, held - running));
                }
                if (running == 0 || System.nanoTime() - graceEnds >= 0) {
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
                admit(record);
            }
            drainMailbox();
            runDelayed();
            if (!stopRequested) {
                startReady();
            }
            commitIfDue(commands, false);
            adjustPause(commands);
        }
    }

    private void finishGracefully(Consumer<String, UpgradeCommand> commands) {
        drainMailbox();
        int unfinished = running;
        abandonAll = true;
        commitIfDue(commands, true);
        if (unfinished > 0) {
            log.warn("stopped with {} upgrades still running after the grace period: their commands are redelivered "
                    + "and the gateway adopts the pushes under way", unfinished);
        } else {
            log.info("stopped: every running upgrade finished and its offset is committed");
        }
    }

    // --- admitting records ---------------------------------------------------------------------

    private void admit(ConsumerRecord<String, UpgradeCommand> record) {
        PartitionProgress partition = partitions.get(new TopicPartition(record.topic(), record.partition()));
        if (partition == null) {
            return; // revoked in this very poll: the new owner reads it again
        }
        PendingCommand command = new PendingCommand(partition, record);
        partition.add(command);
        held++;
        if (partition.finishedEarlier(record.offset())) {
            finish(command); // its outcome was written before the partition changed hands
            return;
        }
        metrics.commandReceived();
        DeserializationException undecodable = deserializationFailure(record);
        if (undecodable != null) {
            deadLetter(command, "undecodable", undecodable);
            return;
        }
        try {
            command.order = CommandMessages.toOrder(record.key(), record.value());
        } catch (InvalidMessageException e) {
            deadLetter(command, "invalid", e);
            return;
        } catch (RuntimeException e) {
            deadLetter(command, "invalid", new InvalidMessageException("cannot read the command: " + e));
            return;
        }
        ArrayDeque<PendingCommand> queue = partition.busyOrgs.get(command.order.orgId());
        if (queue == null) {
            partition.busyOrgs.put(command.order.orgId(), new ArrayDeque<>(1));
            ready.addLast(command);
        } else {
            queue.addLast(command); // runs when the org's earlier command has its outcome
        }
    }

    private static DeserializationException deserializationFailure(ConsumerRecord<?, ?> record) {
        DeserializationException value = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        return value != null ? value : SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
    }

    private void startReady() {
        PendingCommand command;
        while (running < settings.maxInFlight() && (command = ready.pollFirst()) != null) {
            if (!command.partition.revoked) {
                start(command);
            }
        }
    }

    private void start(PendingCommand command) {
        command.started = true;
        command.partition.running++;
        running++;
        if (running > highestRunning) {
            highestRunning = running;
        }
        PartitionProgress partition = command.partition;
        BooleanSupplier wanted = () -> !partition.revoked && !abandonAll;
        CompletionStage<UpgradeFinished> run;
        try {
            run = runner.run(command.order, wanted);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((finishedRun, error) -> {
            if (error != null) {
                mailbox.add(new Completion(command, null, error));
            } else if (!wanted.getAsBoolean()) {
                mailbox.add(new Completion(command, null, new RunAbandonedException("handed over before its outcome")));
            } else {
                publish(command, finishedRun);
            }
        });
    }

    private void publish(PendingCommand command, UpgradeFinished finishedRun) {
        publisher.publish(finishedRun).whenComplete((written, error) ->
                mailbox.add(new Completion(command, finishedRun, error)));
    }

    // --- completions ---------------------------------------------------------------------------

    /** A run ended: its outcome was written ({@code error} null), could not be written, or the run failed. */
    private record Completion(PendingCommand command, UpgradeFinished outcome, Throwable error) {
    }

    /** Work to do again later on the consumer thread. */
    private record Delayed(PendingCommand command, long dueNanos, Runnable action) {
    }

    private void drainMailbox() {
        Completion completion;
        while ((completion = mailbox.poll()) != null) {
            handle(completion);
        }
    }

    private void handle(Completion completion) {
        PendingCommand command = completion.command();
        if (command.partition.revoked || abandonAll) {
            return; // counted out when the partition went; the new owner runs it again
        }
        Throwable error = unwrap(completion.error());
        if (error == null) {
            stopRunning(command);
            metrics.outcomeWritten(completion.outcome());
            finish(command);
        } else if (error instanceof RunAbandonedException) {
            stopRunning(command); // left unfinished: redelivered after a stop
        } else if (completion.outcome() != null && error instanceof KafkaException) {
            // The outcome exists but the broker (or the registry) did not take it: write it again, as
            // long as it takes, but never run the command again for it.
            metrics.publishFailed();
            log.warn("cannot write the outcome of command {} yet ({}); trying again in {}",
                    command.order.commandId(), error.toString(), settings.retryBackoff());
            later(command, settings.retryBackoff(), () -> publish(command, completion.outcome()));
        } else {
            // The run failed, or its outcome could not even be built: a bug for this record. Try the
            // whole command again a few times, then park it in the dead-letter topic.
            stopRunning(command);
            command.processingFailures++;
            if (command.processingFailures < settings.deliveryAttempts()) {
                log.warn("processing command {} failed ({}); trying again ({} of {})", command.order.commandId(),
                        error.toString(), command.processingFailures + 1, settings.deliveryAttempts());
                later(command, settings.retryBackoff(), () -> {
                    if (!stopRequested) {
                        start(command);
                    }
                });
            } else {
                deadLetter(command, "failing", error instanceof Exception e ? e : new IllegalStateException(error));
            }
        }
    }

    private void stopRunning(PendingCommand command) {
        if (command.started) {
            command.started = false;
            command.partition.running--;
            running--;
        }
    }

    private void finish(PendingCommand command) {
        command.partition.finished(command);
        held--;
        if (command.order != null) {
            ArrayDeque<PendingCommand> queue = command.partition.busyOrgs.get(command.order.orgId());
            if (queue != null) {
                PendingCommand next = queue.pollFirst();
                if (next == null) {
                    command.partition.busyOrgs.remove(command.order.orgId());
                } else {
                    ready.addLast(next);
                }
            }
        }
    }

    private void deadLetter(PendingCommand command, String reason, Exception cause) {
        try {
            deadLetters.accept(command.record, cause);
            metrics.deadLettered(reason);
            finish(command);
        } catch (RuntimeException e) {
            log.error("cannot dead-letter {}-{}@{} ({}); trying again in {}", command.record.topic(),
                    command.record.partition(), command.offset, e.toString(), settings.retryBackoff());
            later(command, settings.retryBackoff(), () -> deadLetter(command, reason, cause));
        }
    }

    private void later(PendingCommand command, Duration delay, Runnable action) {
        delayed.add(new Delayed(command, System.nanoTime() + delay.toNanos(), action));
    }

    private void runDelayed() {
        if (delayed.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Delayed> due = new ArrayList<>();
        for (Iterator<Delayed> it = delayed.iterator(); it.hasNext(); ) {
            Delayed item = it.next();
            if (item.command().partition.revoked || abandonAll) {
                it.remove();
            } else if (now - item.dueNanos() >= 0) {
                it.remove();
                due.add(item);
            }
        }
        due.forEach(item -> item.action().run());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // --- offsets and pacing --------------------------------------------------------------------

    private void commitIfDue(Consumer<String, UpgradeCommand> commands, boolean now) {
        if (!now && System.nanoTime() - lastCommitNanos < settings.commitInterval().toNanos()) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.values());
        if (offsets.isEmpty()) {
            return;
        }
        if (now) {
            commitSync(commands, offsets);
        } else {
            commands.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    log.warn("committing offsets failed (the next commit covers them): {}", error.toString());
                    commitFailed(offsets);
                }
            });
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionProgress> progress) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress partition : progress) {
            OffsetAndMetadata offset = partition.toCommit();
            if (offset != null) {
                offsets.put(partition.partition, offset);
            }
        }
        return offsets;
    }

    private void commitSync(Consumer<String, UpgradeCommand> commands, Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                commands.commitSync(offsets, Duration.ofSeconds(10));
                return;
            } catch (WakeupException e) {
                // A stop or crash request woke the consumer; the commit still matters, so go again.
            } catch (RuntimeException e) {
                log.warn("committing offsets failed; their commands will be redelivered: {}", e.toString());
                break;
            }
        }
        commitFailed(offsets);
    }

    private void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.keySet().forEach(partition -> {
            PartitionProgress progress = partitions.get(partition);
            if (progress != null) {
                progress.commitFailed();
            }
        });
    }

    private void adjustPause(Consumer<String, UpgradeCommand> commands) {
        boolean shouldPause = stopRequested || held >= settings.maxInFlight();
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
            drainMailbox();
            if (!crashRequested) {
                List<PartitionProgress> going = revoked.stream().map(partitions::get)
                        .filter(java.util.Objects::nonNull).toList();
                Map<TopicPartition, OffsetAndMetadata> offsets = committable(going);
                if (!offsets.isEmpty()) {
                    commitSync(commands, offsets);
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

        /** Forgets a partition: its unfinished commands are the new owner's; their runs are told to give up. */
        private void drop(TopicPartition partition) {
            PartitionProgress progress = partitions.remove(partition);
            if (progress == null) {
                return;
            }
            progress.revoked = true;
            held -= progress.held();
            running -= progress.running;
            assignedPartitions = partitions.size();
        }
    }
}
