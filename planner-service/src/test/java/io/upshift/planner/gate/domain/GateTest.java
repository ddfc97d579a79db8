package io.upshift.planner.gate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.WaveCounts;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {

    @Test
    void waitsForTheMinimumOfFinishedOrgsBeforeJudging() {
        // given 9 finished orgs, all failed, and a gate that needs 10
        WaveCounts counts = new WaveCounts(100, 80, 11, 0, 9, 0, 0, 0);

        Gate.Decision decision = Gate.evaluate(Specs.gate(5, 10), counts, GateBaseline.NONE);

        assertThat(decision.verdict()).isEqualTo(Gate.Verdict.TOO_FEW_FINISHED);
    }

    @Test
    void judgesAWaveSmallerThanTheMinimumWholeOnceAllOfItFinished() {
        // given a canary of 16 orgs, all finished and all failed, and a gate that needs 20
        WaveCounts counts = new WaveCounts(16, 0, 0, 0, 16, 0, 0, 0);

        Gate.Decision decision = Gate.evaluate(Specs.gate(10, 20), counts, GateBaseline.NONE);

        assertThat(decision.tripped()).isTrue();
        assertThat(decision.finished()).isEqualTo(16);
    }

    @Test
    void passesASmallWaveThatFinishedWithinTheThreshold() {
        // 0 failures of 8 in a wave of 8 (one skipped), gate minimum 20
        WaveCounts counts = new WaveCounts(9, 0, 0, 8, 0, 1, 0, 0);

        assertThat(Gate.evaluate(Specs.gate(10, 20), counts, GateBaseline.NONE).verdict())
                .isEqualTo(Gate.Verdict.WITHIN_THRESHOLD);
    }

    @Test
    void tripsWhenTheFailureRateIsAboveTheThreshold() {
        // given 1 failure in 10 finished: 10 % > 5 %
        WaveCounts counts = new WaveCounts(100, 80, 10, 9, 1, 0, 0, 0);

        Gate.Decision decision = Gate.evaluate(Specs.gate(5, 10), counts, GateBaseline.NONE);

        assertThat(decision.tripped()).isTrue();
        assertThat(decision.failureRatePercent()).isEqualByComparingTo("10.00");
        assertThat(decision.describe()).contains("1 of 10 finished").contains("above the threshold of 5 %");
    }

    @Test
    void doesNotTripExactlyAtTheThreshold() {
        // 1 of 20 = 5 %, not above 5 %
        WaveCounts counts = new WaveCounts(100, 70, 10, 19, 1, 0, 0, 0);

        assertThat(Gate.evaluate(Specs.gate(5, 10), counts, GateBaseline.NONE).verdict())
                .isEqualTo(Gate.Verdict.WITHIN_THRESHOLD);
    }

    @Test
    void countsOnlyTheStatusesTheRuleNames() {
        // given 5 timeouts and 5 successes, but only FAILED counts
        GateRule onlyFailures = new GateRule(BigDecimal.ZERO, 1, Set.of(TargetState.FAILED));
        WaveCounts counts = new WaveCounts(10, 0, 0, 5, 0, 0, 0, 5);

        assertThat(Gate.evaluate(onlyFailures, counts, GateBaseline.NONE).tripped()).isFalse();
    }

    @Test
    void leavesSkippedAndCanceledOrgsOutOfTheRate() {
        // given 10 skipped (already on the target), 2 succeeded, 1 failed: 1 of 3 finished
        WaveCounts counts = new WaveCounts(13, 0, 0, 2, 1, 10, 0, 0);

        Gate.Decision decision = Gate.evaluate(Specs.gate(50, 3), counts, GateBaseline.NONE);

        assertThat(decision.finished()).isEqualTo(3);
        assertThat(decision.tripped()).isFalse();
    }

    @Test
    void judgesOnlyWhatFinishedSinceAPersonResumedTheWave() {
        // given a wave halted at 10 failures of 20, resumed; since then 30 more succeeded
        WaveCounts counts = new WaveCounts(100, 40, 0, 40, 10, 0, 0, 0);

        Gate.Decision decision = Gate.evaluate(Specs.gate(5, 10), counts, new GateBaseline(20, 10));

        assertThat(decision.finished()).isEqualTo(30);
        assertThat(decision.failures()).isZero();
        assertThat(decision.tripped()).isFalse();
    }
}
