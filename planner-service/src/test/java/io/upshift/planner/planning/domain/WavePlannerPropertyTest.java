package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.RampType;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariant: every eligible org is in exactly one wave, and no wave is empty. */
class WavePlannerPropertyTest {

    @Property(tries = 500)
    void everyEligibleOrgIsInExactlyOneWave(@ForAll("strategies") Strategy strategy,
            @ForAll @IntRange(min = 0, max = 3000) int sandboxes, @ForAll @IntRange(min = 0, max = 20000) int main) {
        long sandboxPool = strategy.sandboxesFirst() ? sandboxes : 0;

        List<WaveSlot> waves = WavePlanner.plan(strategy, sandboxPool, main);

        for (Pool pool : Pool.values()) {
            long size = switch (pool) {
                case SANDBOXES -> sandboxPool;
                case MAIN -> main;
                case PILOT, CHRONIC -> 0;
            };
            List<WaveSlot> ofPool = waves.stream().filter(w -> w.pool() == pool).toList();
            long expectedFrom = 0;
            for (WaveSlot wave : ofPool) {
                // contiguous, non-overlapping ranges: each rank is held by exactly one wave
                assertThat(wave.fromRank()).isEqualTo(expectedFrom);
                assertThat(wave.size()).isPositive();
                expectedFrom = wave.toRank();
            }
            assertThat(expectedFrom).isEqualTo(size);
        }
        assertThat(waves).extracting(WaveSlot::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, waves.size()).boxed().toList());
        // the streaming placement agrees: each rank maps to exactly one slot
        for (WaveSlot wave : waves) {
            long holders = waves.stream().filter(w -> w.holds(wave.pool(), wave.fromRank())).count();
            assertThat(holders).isEqualTo(1);
        }
    }

    @Provide
    Arbitrary<Strategy> strategies() {
        Arbitrary<Canary> canary = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.integers().between(1, 500).map(c -> new Canary(c, null)),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), BigDecimal.valueOf(100)).ofScale(2)
                        .map(p -> new Canary(null, p)));
        Arbitrary<List<BigDecimal>> percentages = Arbitraries.integers().between(1, 100).set().ofMinSize(1).ofMaxSize(6)
                .map(s -> new ArrayList<>(new TreeSet<>(s)).stream().map(BigDecimal::valueOf).toList());
        return Combinators.combine(Arbitraries.of(true, false), canary, Arbitraries.of(RampType.values()), percentages)
                .as((sandboxesFirst, c, type, p) -> {
                    RampType ramp = type == RampType.DOUBLING && c == null ? RampType.SINGLE : type;
                    return new Strategy(sandboxesFirst, c,
                            new Ramp(ramp, ramp == RampType.PERCENTAGES ? p : List.of()), false, Duration.ZERO);
                });
    }
}
