package io.upshift.executor.execution.kafka;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition's records in offset order, so the offset to commit is always the first
 * record not finished yet — however out of order the upgrades end — and the org queues that keep
 * two commands for one org from running at once. Touched only by the consumer's thread, except
 * {@link #revoked}, which runs read from anywhere.
 *
 * <p>The commit also carries, in its metadata, which records after that offset are finished
 * already. One slow upgrade holds the offset back while thousands behind it finish; a replica that
 * takes the partition over (after a rebalance or a crash) reads the metadata and skips those
 * instead of running them, and writing their outcomes, a second time.
 */
final class PartitionProgress {

    /** Marks metadata written by this class; anything else in the metadata is ignored. */
    static final String METADATA_PREFIX = "upshift-finished:v1:";
    /**
     * Bytes of the bit set kept at most: its Base64 form stays well under the broker's default
     * {@code offset.metadata.max.bytes} (4096). Finished records beyond it are simply run again.
     */
    private static final int MAX_BITSET_BYTES = 2_400;

    final TopicPartition partition;
    private final ArrayDeque<PendingCommand> inOffsetOrder = new ArrayDeque<>();
    /** Orgs with a command running; the commands queued behind it. Present key = org busy. */
    final Map<String, ArrayDeque<PendingCommand>> busyOrgs = new HashMap<>();
    private long committable = -1;
    private boolean changedSinceCommit;
    private long finishedEarlierBase = -1;
    private BitSet finishedEarlier = new BitSet();
    int held;
    int running;
    volatile boolean revoked;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    /** Takes over what the previous owner committed: the records it finished above its offset. */
    void resumeFrom(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(METADATA_PREFIX)) {
            return;
        }
        try {
            finishedEarlier = BitSet.valueOf(Base64.getDecoder().decode(
                    committed.metadata().substring(METADATA_PREFIX.length())));
            finishedEarlierBase = committed.offset();
        } catch (IllegalArgumentException e) {
            finishedEarlier = new BitSet(); // not ours after all: run everything
        }
    }

    /** How many records after the committed offset the previous owner finished. */
    int finishedEarlierCount() {
        return finishedEarlier.cardinality();
    }

    /** Whether the previous owner finished this record already (its outcome is written). */
    boolean finishedEarlier(long offset) {
        long index = offset - finishedEarlierBase;
        return finishedEarlierBase >= 0 && index >= 0 && index < Integer.MAX_VALUE && finishedEarlier.get((int) index);
    }

    void add(PendingCommand command) {
        inOffsetOrder.addLast(command);
        held++;
    }

    /** Marks the command finished and moves the commit point past every finished head record. */
    void finished(PendingCommand command) {
        command.done = true;
        held--;
        changedSinceCommit = true;
        while (!inOffsetOrder.isEmpty() && inOffsetOrder.peekFirst().done) {
            committable = inOffsetOrder.pollFirst().offset + 1;
        }
    }

    /**
     * What to commit when anything finished since the last commit, else null: the first
     * unfinished offset, with the finished records after it in the metadata. Counts as committed
     * until {@link #commitFailed()} says otherwise.
     */
    OffsetAndMetadata toCommit() {
        if (!changedSinceCommit) {
            return null;
        }
        changedSinceCommit = false;
        PendingCommand head = inOffsetOrder.peekFirst();
        long offset = head != null ? head.offset : committable;
        if (offset < 0) {
            return null;
        }
        BitSet finishedAbove = new BitSet();
        for (PendingCommand command : inOffsetOrder) {
            long index = command.offset - offset;
            if (command.done && index < MAX_BITSET_BYTES * 8L) {
                finishedAbove.set((int) index);
            }
        }
        // Keep what the previous owner finished and this owner has not reached yet.
        if (finishedEarlierBase >= 0) {
            for (int bit = finishedEarlier.nextSetBit(0); bit >= 0; bit = finishedEarlier.nextSetBit(bit + 1)) {
                long index = finishedEarlierBase + bit - offset;
                if (index >= 0 && index < MAX_BITSET_BYTES * 8L && (head == null || finishedEarlierBase + bit > lastOffset())) {
                    finishedAbove.set((int) index);
                }
            }
        }
        String metadata = finishedAbove.isEmpty() ? ""
                : METADATA_PREFIX + Base64.getEncoder().encodeToString(finishedAbove.toByteArray());
        return new OffsetAndMetadata(offset, metadata);
    }

    /** The commit did not go through: offer it again next time. */
    void commitFailed() {
        changedSinceCommit = true;
    }

    private long lastOffset() {
        PendingCommand last = inOffsetOrder.peekLast();
        return last == null ? -1 : last.offset;
    }

    /** Records held (received, not finished). */
    int held() {
        return held;
    }
}
