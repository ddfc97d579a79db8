package io.upshift.executor.execution.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.executor.execution.domain.RunAbandonedException;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.messages.UpgradeCommand;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The commands a {@link CommandConsumer} holds, from their poll to their written outcome: admitted
 * (or dead-lettered), queued behind an earlier command of the same org, started under the in-flight
 * cap, finished when their outcome is written, tried again or parked when their run fails. Confined
 * to the consumer's thread, except the mailbox through which finished runs report back and the
 * volatile counters read by gauges and tests.
 */
final class InFlightCommands {

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(CommandConsumer.class);

    private final OutcomePublisher publisher;
    private final UpgradeRunner runner;
    private final ConsumerRecordRecoverer deadLetters;
    private final ConsumerSettings settings;
    private final ExecutorMetrics metrics;
    private final Logger log;
    private final BooleanSupplier stopping;

    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
    private final ArrayDeque<PendingCommand> ready = new ArrayDeque<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private final ConcurrentLinkedQueue<Completion> mailbox = new ConcurrentLinkedQueue<>();

    // Read by gauges, health and tests.
    private volatile int held;
    private volatile int running;
    private volatile int highestRunning;
    /** Set when the consumer stops or crashes: no run is wanted any more, no outcome is handled. */
    private volatile boolean abandonAll;

    InFlightCommands(OutcomePublisher publisher, UpgradeRunner runner, ConsumerRecordRecoverer deadLetters,
            ConsumerSettings settings, ExecutorMetrics metrics, Logger log, BooleanSupplier stopping) {
        this.publisher = publisher;
        this.runner = runner;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.metrics = metrics;
        this.log = log;
        this.stopping = stopping;
    }

    /** The partitions this replica owns, with their progress; the consumer's rebalance listener keeps it. */
    Map<TopicPartition, PartitionProgress> partitions() {
        return partitions;
    }

    int held() {
        return held;
    }

    int running() {
        return running;
    }

    int highestRunning() {
        return highestRunning;
    }

    void abandonAll() {
        abandonAll = true;
    }

    /** Forgets a partition: its unfinished commands are the new owner's; their runs are told to give up. */
    void drop(TopicPartition partition) {
        PartitionProgress progress = partitions.remove(partition);
        if (progress == null) {
            return;
        }
        progress.revoked = true;
        held -= progress.held();
        running -= progress.running;
    }

    /** Takes a polled record in: finished already, dead-lettered, queued behind its org, or ready to start. */
    void admit(ConsumerRecord<String, UpgradeCommand> record) {
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

    /** Starts ready commands while fewer than the in-flight cap run. */
    void startReady() {
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

    /** Handles what finished runs reported. */
    void drainMailbox() {
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
                    if (!stopping.getAsBoolean()) {
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

    /** Runs the delayed work that is due. */
    void runDelayed() {
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
}
