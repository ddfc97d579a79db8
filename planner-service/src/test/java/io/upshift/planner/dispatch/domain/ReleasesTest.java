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

    @Test
    void neverReleasesMoreToAnInstanceThanItsRateAllowsInAMinute() {
        // given at most 10 a minute per pod; NA1 got 9 in the last minute, the last of them 30 s ago
        ReleaseLimits limits = new ReleaseLimits(null, null, null, 10, 1000);
        ReleaseSituation situation = new ReleaseSituation(0, Map.of(), 9, NOW.minusSeconds(30),
                Map.of("NA1", 9), Map.of("NA1", NOW.minusSeconds(30)), NOW);
        List<String> candidates = List.of("NA1", "NA1", "NA1", "EU5", "EU5", "EU5", "EU5");

        List<String> chosen = Releases.choose(candidates, Function.identity(), limits, situation);

        // then one more for NA1, and EU5 gets the 5 seconds' worth a fresh pod may have at once (one a 6 s)
        assertThat(chosen).containsExactly("NA1", "EU5");
    }

    @Test
    void spreadsAPerInstanceRateOverTheMinute() {
        // given 120 a minute per pod, NA1 released 2 s ago
        ReleaseLimits limits = new ReleaseLimits(null, null, null, 120, 1000);
        ReleaseSituation situation = new ReleaseSituation(0, Map.of(), 10, NOW.minusSeconds(2),
                Map.of("NA1", 10), Map.of("NA1", NOW.minusSeconds(2)), NOW);

        assertThat(Releases.instanceRoom("NA1", limits, situation)).isEqualTo(4);
        assertThat(Releases.freshInstanceRoom(limits, situation)).isEqualTo(10);
    }

    @Test
    void anOrgThePlannerTimedOutKeepsItsSlotUntilItsOutcomeIsKnown() {
        // given a cap of 10: 6 dispatched and 4 timed out by the planner whose pushes may still run
        ReleaseLimits limits = new ReleaseLimits(null, 10, 3, 1000);
        ReleaseSituation situation = new ReleaseSituation(6 + 4, Map.of("NA1", 3), 0, null, NOW);

        // then nothing more goes out, not 4 more
        assertThat(Releases.budget(limits, situation)).isZero();
        assertThat(Releases.instanceRoom("NA1", limits, situation)).isZero();
    }
}
