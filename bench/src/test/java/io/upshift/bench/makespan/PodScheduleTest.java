package io.upshift.bench.makespan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodScheduleTest {

    @Test
    void aLongPushStartedLastStretchesTheScheduleThatKnowingDurationsWouldAvoid() {
        // given two slots, and a long push that happened to start after two short ones
        List<double[]> pushes = List.of(new double[] {0, 1}, new double[] {0.5, 1}, new double[] {2, 4});

        // then in that order it starts when the first slot frees (at 1) and ends at 5; longest first ends at 4
        assertThat(PodSchedule.inStartOrder(pushes, 2)).isEqualTo(5.0);
        assertThat(PodSchedule.longestFirst(pushes, 2)).isEqualTo(4.0);
    }

    @Test
    void withASlotPerPushTheScheduleIsTheLongestPush() {
        List<double[]> pushes = List.of(new double[] {0, 3}, new double[] {1, 7}, new double[] {2, 2});

        assertThat(PodSchedule.inStartOrder(pushes, 3)).isEqualTo(7.0);
        assertThat(PodSchedule.longestFirst(pushes, 5)).isEqualTo(7.0);
    }

    @Test
    void oneSlotAddsEveryPushUp() {
        List<double[]> pushes = List.of(new double[] {0, 3}, new double[] {1, 7}, new double[] {2, 2});

        assertThat(PodSchedule.inStartOrder(pushes, 1)).isEqualTo(12.0);
    }
}
