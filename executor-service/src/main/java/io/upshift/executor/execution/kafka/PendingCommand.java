package io.upshift.executor.execution.kafka;

import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.messages.UpgradeCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A command record from its poll to its committed offset. Mutated only on the consumer's thread. */
final class PendingCommand {

    final PartitionProgress partition;
    final long offset;
    final ConsumerRecord<String, UpgradeCommand> record;
    UpgradeOrg order;
    boolean started;
    boolean done;
    int processingFailures;
    long notBeforeNanos;

    PendingCommand(PartitionProgress partition, ConsumerRecord<String, UpgradeCommand> record) {
        this.partition = partition;
        this.offset = record.offset();
        this.record = record;
    }
}
