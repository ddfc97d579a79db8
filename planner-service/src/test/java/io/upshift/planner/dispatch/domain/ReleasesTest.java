package io.upshift.planner.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.Specs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReleasesTest {

    private static final Instant NOW = Specs.NOW;

    @Test
    void fillsTheInFlightCapAndNoMore() {
        ReleaseLimits limits = new ReleaseLimits(null, 10, null, 1000);
        ReleaseSituation situation = new ReleaseSituation(7, Map.of(), 0, null, NOW);

        assertThat(Releases.budget(limits, situation)).isEqualTo(3);
    }

    @Test
    void spreadsTheRateOverTheMinute() {
        // given 600 a minute and a release one second ago
        ReleaseLimits limits = new ReleaseLimits(600, null, null, 1000);
        ReleaseSituation situation = new ReleaseSituation(0, Map.of(), 10, NOW.minusSeconds(1), NOW);

        // then ten accrued, not the 590 the minute still allows
        assertThat(Releases.budget(limits, situation)).isEqualTo(10);
    }

    @Test
    void neverExceedsTheRateOfTheLastMinute() {
        ReleaseLimits limits = new ReleaseLimits(60, null, null, 1000);
        ReleaseSituation situation = new ReleaseSituation(0, Map.of(), 58, NOW.minusSeconds(30), NOW);

        assertThat(Releases.budget(limits, situation)).isEqualTo(2);
    }

    @Test
    void letsASlowRateReleaseOneCommandWhenItsTimeHasCome() {
        // given one command a minute, the last one 61 seconds ago
        ReleaseLimits limits = new ReleaseLimits(1, null, null, 1000);

        assertThat(Releases.budget(limits, new ReleaseSituation(0, Map.of(), 0, NOW.minusSeconds(61), NOW))).isEqualTo(1);
        assertThat(Releases.budget(limits, new ReleaseSituation(0, Map.of(), 0, NOW.minusSeconds(30), NOW))).isZero();
    }

    @Test
    void skipsOrgsOfAnInstanceAtItsCapAndTakesOthersInstead() {
        // given NA1 already has 2 in flight of a cap of 2
        ReleaseLimits limits = new ReleaseLimits(null, 100, 2, 1000);
        ReleaseSituation situation = new ReleaseSituation(2, Map.of("NA1", 2), 0, null, NOW);
        List<String> candidates = List.of("NA1", "NA1", "EU5", "EU5", "EU5", "AP3");

        List<String> chosen = Releases.choose(candidates, Function.identity(), limits, situation);

        assertThat(chosen).containsExactly("EU5", "EU5", "AP3");
    }
}
