package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition(Topics.UPGRADE_COMMANDS.name(), 0));
    private final List<PendingCommand> commands = new ArrayList<>();

    @Test
    void commitsNothingWhileTheFirstRecordIsUnfinished() {
        receive(100, 101, 102);

        progress.finished(commands.get(1));
        progress.finished(commands.get(2));

        assertThat(progress.offsetToCommit()).isEqualTo(-1);
        assertThat(progress.held()).isEqualTo(1);
    }

    @Test
    void commitsPastTheFinishedPrefixOnceTheGapCloses() {
        receive(100, 101, 102, 103);
        progress.finished(commands.get(2));
        progress.finished(commands.get(0));

        assertThat(progress.offsetToCommit()).isEqualTo(101);

        progress.finished(commands.get(1));

        assertThat(progress.offsetToCommit()).isEqualTo(103);
    }

    @Test
    void offersAnOffsetOnlyOnceItMovedPastTheLastCommit() {
        receive(7);
        progress.finished(commands.getFirst());
        progress.committed(8);

        assertThat(progress.offsetToCommit()).isEqualTo(-1);
    }

    private void receive(long... offsets) {
        for (long offset : offsets) {
            PendingCommand command = new PendingCommand(progress,
                    new ConsumerRecord<String, UpgradeCommand>(Topics.UPGRADE_COMMANDS.name(), 0, offset, "key", null));
            progress.add(command);
            commands.add(command);
        }
    }
}
