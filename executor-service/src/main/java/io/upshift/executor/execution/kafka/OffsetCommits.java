package io.upshift.executor.execution.kafka;

import io.upshift.messages.UpgradeCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;

/**
 * The commands consumer's offset commits: each partition up to its first command whose outcome is
 * not written yet, asynchronously every commit interval and synchronously at a stop or rebalance.
 * Consumer thread only.
 */
final class OffsetCommits {

    private final Map<TopicPartition, PartitionProgress> partitions;
    private final Duration commitInterval;
    private final Logger log;
    private long lastCommitNanos;

    OffsetCommits(Map<TopicPartition, PartitionProgress> partitions, Duration commitInterval, Logger log) {
        this.partitions = partitions;
        this.commitInterval = commitInterval;
        this.log = log;
    }

    /** Commits what is finished when the commit interval has passed ({@code now}: at once, synchronously). */
    void commitIfDue(Consumer<String, UpgradeCommand> commands, boolean now) {
        if (!now && System.nanoTime() - lastCommitNanos < commitInterval.toNanos()) {
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

    /** The offsets the partitions may commit: up to their first command not finished. */
    static Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionProgress> progress) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionProgress partition : progress) {
            OffsetAndMetadata offset = partition.toCommit();
            if (offset != null) {
                offsets.put(partition.partition, offset);
            }
        }
        return offsets;
    }

    /** Commits synchronously (a stop or rebalance); a failed commit means redelivery, never loss. */
    void commitSync(Consumer<String, UpgradeCommand> commands, Map<TopicPartition, OffsetAndMetadata> offsets) {
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
}
