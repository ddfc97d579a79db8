package io.upshift.executor.execution.kafka;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition's records in offset order, so the offset to commit is always the first
 * record not finished yet — however out of order the upgrades end — and the org queues that keep
 * two commands for one org from running at once. Touched only by the consumer's thread, except
 * {@link #revoked}, which runs read from anywhere.
 */
final class PartitionProgress {

    final TopicPartition partition;
    private final ArrayDeque<PendingCommand> inOffsetOrder = new ArrayDeque<>();
    /** Orgs with a command running; the commands queued behind it. Present key = org busy. */
    final Map<String, ArrayDeque<PendingCommand>> busyOrgs = new HashMap<>();
    private long committable = -1;
    private long committed = -1;
    int held;
    int running;
    volatile boolean revoked;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    void add(PendingCommand command) {
        inOffsetOrder.addLast(command);
        held++;
    }

    /** Marks the command finished and moves the commit point past every finished head record. */
    void finished(PendingCommand command) {
        command.done = true;
        held--;
        while (!inOffsetOrder.isEmpty() && inOffsetOrder.peekFirst().done) {
            committable = inOffsetOrder.pollFirst().offset + 1;
        }
    }

    /** The offset to commit when it moved since the last commit, else -1. */
    long offsetToCommit() {
        return committable > committed ? committable : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Records held (received, not finished). */
    int held() {
        return held;
    }
}
