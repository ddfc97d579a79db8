package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.RampType;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.Specs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavePlannerTest {

    @Test
    void putsAllSandboxesFirstThenTheCanaryThenDoublingWaves() {
        // given 300 sandboxes and 1,000 production orgs, a canary of 10 and a doubling ramp
        Strategy strategy = Specs.sandboxesThenCanaryThenDoubling(10);

        // when
        List<WaveSlot> waves = WavePlanner.plan(strategy, 300, 1000);

        // then
        assertThat(waves).extracting(WaveSlot::kind).startsWith(WaveKind.SANDBOX, WaveKind.CANARY, WaveKind.RAMP);
        assertThat(waves).extracting(WaveSlot::size).containsExactly(300L, 10L, 20L, 40L, 80L, 160L, 320L, 370L);
        assertThat(waves).extracting(WaveSlot::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void cutsTheRampAtCumulativePercentagesAndImpliesAFinalHundred() {
        // given a 5 % canary and waves ending at 25 % and 50 % of 1,000 orgs
        Strategy strategy = Specs.percentages(BigDecimal.valueOf(5), 25, 50);

        // when
        List<WaveSlot> waves = WavePlanner.plan(strategy, 0, 1000);

        // then
        assertThat(waves).extracting(WaveSlot::toRank).containsExactly(50L, 250L, 500L, 1000L);
    }

    @Test
    void skipsPercentagesTheCanaryAlreadyCovers() {
        Strategy strategy = Specs.percentages(BigDecimal.valueOf(30), 10, 25, 60, 100);

        List<WaveSlot> waves = WavePlanner.plan(strategy, 0, 100);

        assertThat(waves).extracting(WaveSlot::toRank).containsExactly(30L, 60L, 100L);
    }

    @Test
    void neverPlansAnEmptyWave() {
        // given fewer production orgs than the canary asks for, and no sandboxes
        Strategy strategy = Specs.sandboxesThenCanaryThenDoubling(50);

        // when
        List<WaveSlot> waves = WavePlanner.plan(strategy, 0, 7);

        // then the canary takes them all, and nothing else is planned
        assertThat(waves).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WaveKind.CANARY);
            assertThat(w.size()).isEqualTo(7);
        });
    }

    @Test
    void releasesEverythingInOneWaveWithoutCanaryOrRamp() {
        Strategy strategy = new Strategy(false, null, Ramp.SINGLE, false, Duration.ZERO);

        assertThat(WavePlanner.plan(strategy, 0, 42)).singleElement()
                .satisfies(w -> assertThat(w.size()).isEqualTo(42));
    }

    @Test
    void roundsAPercentCanaryUpToAtLeastOneOrg() {
        Strategy strategy = new Strategy(false, new Canary(null, new BigDecimal("0.5")),
                new Ramp(RampType.SINGLE, List.of()), false, Duration.ZERO);

        assertThat(WavePlanner.plan(strategy, 0, 10).getFirst().size()).isEqualTo(1);
    }
}
