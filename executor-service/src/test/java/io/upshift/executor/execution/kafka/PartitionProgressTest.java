package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.UPGRADE_COMMANDS.name(), 0);

    @Test
    void commitsTheFirstUnfinishedOffsetWhileLaterRecordsFinish() {
        Received given = receive(new PartitionProgress(PARTITION), 100, 101, 102);

        given.finish(1);
        given.finish(2);

        assertThat(given.progress.toCommit().offset()).isEqualTo(100);
        assertThat(given.progress.held()).isEqualTo(1);
    }

    @Test
    void commitsPastTheFinishedPrefixOnceTheGapCloses() {
        Received given = receive(new PartitionProgress(PARTITION), 100, 101, 102, 103);
        given.finish(2);
        given.finish(0);

        assertThat(given.progress.toCommit().offset()).isEqualTo(101);

        given.finish(1);

        assertThat(given.progress.toCommit().offset()).isEqualTo(103);
    }

    @Test
    void offersACommitOnlyWhenSomethingFinishedSinceTheLastOneOrItFailed() {
        Received given = receive(new PartitionProgress(PARTITION), 7, 8);
        given.finish(0);

        assertThat(given.progress.toCommit()).isNotNull();
        assertThat(given.progress.toCommit()).isNull();

        given.progress.commitFailed();

        assertThat(given.progress.toCommit().offset()).isEqualTo(8);
    }

    @Test
    void aNewOwnerSkipsTheRecordsThePreviousOneFinishedAboveItsCommit() {
        Received previous = receive(new PartitionProgress(PARTITION), 200, 201, 202, 203, 204);
        previous.finish(1);
        previous.finish(3);
        OffsetAndMetadata committed = previous.progress.toCommit();

        PartitionProgress next = new PartitionProgress(PARTITION);
        next.resumeFrom(committed);

        assertThat(committed.offset()).isEqualTo(200);
        assertThat(LongStream.rangeClosed(199, 205).filter(next::finishedEarlier)).containsExactly(201L, 203L);
    }

    @Test
    void keepsThePreviousOwnersFinishedRecordsInItsOwnCommitsUntilItReachesThem() {
        Received previous = receive(new PartitionProgress(PARTITION), 10, 11, 12, 13);
        previous.finish(3);
        PartitionProgress next = new PartitionProgress(PARTITION);
        next.resumeFrom(previous.progress.toCommit());

        Received taken = receive(next, 10);
        taken.finish(0);
        OffsetAndMetadata committed = next.toCommit();

        PartitionProgress third = new PartitionProgress(PARTITION);
        third.resumeFrom(committed);
        assertThat(committed.offset()).isEqualTo(11);
        assertThat(third.finishedEarlier(13)).isTrue();
        assertThat(third.finishedEarlier(11)).isFalse();
    }

    @Test
    void ignoresMetadataItDidNotWrite() {
        PartitionProgress progress = new PartitionProgress(PARTITION);

        progress.resumeFrom(new OffsetAndMetadata(5, "written by some tool"));

        assertThat(progress.finishedEarlier(6)).isFalse();
    }

    private static Received receive(PartitionProgress progress, long... offsets) {
        Received received = new Received(progress, new ArrayList<>());
        for (long offset : offsets) {
            PendingCommand command = new PendingCommand(progress,
                    new ConsumerRecord<String, UpgradeCommand>(Topics.UPGRADE_COMMANDS.name(), 0, offset, "key", null));
            progress.add(command);
            received.commands.add(command);
        }
        return received;
    }

    private record Received(PartitionProgress progress, List<PendingCommand> commands) {
        void finish(int index) {
            progress.finished(commands.get(index));
        }
    }
}
