package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PushScenarioTest {

    private static final int ORGS = 20_000;
    private static final LatencyModel TWO_MINUTES_TAIL_HALF_HOUR =
            LatencyModel.logNormal(Duration.ofMinutes(2), Duration.ofMinutes(30));

    @Test
    void theSameSeedDecidesEveryPushTheSameWay() {
        FailureModel failures = FailureModel.NONE.withFleet(FailureRates.parse(
                Map.of("ApexTestFailure", 0.1, "LockingFailure", 0.05)));
        PushScenario first = new PushScenario(7, TWO_MINUTES_TAIL_HALF_HOUR, failures, 1.0);
        PushScenario second = new PushScenario(7, TWO_MINUTES_TAIL_HALF_HOUR, failures, 1.0);

        for (int i = 0; i < 1000; i++) {
            assertThat(second.decide(org(i), "NA135", "4.2.1", 0)).isEqualTo(first.decide(org(i), "NA135", "4.2.1", 0));
        }
    }

    /**
     * The demo's "same seed, same outcome per org": nothing is consumed in arrival order, so the
     * order in which executors reach the orgs (and which replica reaches which) changes no decision,
     * nor does the order in which the configuration lists the failure types.
     */
    @Test
    void theSameSeedDecidesEachOrgTheSameWayWhateverTheOrderOfThePushes() {
        Map<String, Double> listed = new java.util.LinkedHashMap<>();
        listed.put("ApexTestFailure", 0.1);
        listed.put("LockingFailure", 0.1);
        listed.put("PACError", 0.05);
        Map<String, Double> reversed = new java.util.LinkedHashMap<>();
        List<String> names = new ArrayList<>(listed.keySet());
        Collections.reverse(names);
        names.forEach(name -> reversed.put(name, listed.get(name)));
        FailureModel failures = FailureModel.NONE.withFleet(FailureRates.parse(listed)).withUnavailableRate(0.1);
        FailureModel sameFailures = FailureModel.NONE.withFleet(FailureRates.parse(reversed)).withUnavailableRate(0.1);

        List<Integer> inOrder = IntStream.range(0, 2000).boxed().toList();
        List<Integer> shuffled = new ArrayList<>(inOrder);
        Collections.shuffle(shuffled, new java.util.Random(42));
        Map<String, List<Object>> first = decisions(new PushScenario(1, TWO_MINUTES_TAIL_HALF_HOUR, failures, 0.01), inOrder);
        Map<String, List<Object>> second = decisions(new PushScenario(1, TWO_MINUTES_TAIL_HALF_HOUR, sameFailures, 0.01), shuffled);

        assertThat(second).isEqualTo(first);
        assertThat(first.values().stream().filter(d -> d.get(1) != null).count()).as("some pushes fail").isGreaterThan(100);
    }

    /** Each org's first push, its retry and its first call's refusal, deciding the orgs in the given order. */
    private static Map<String, List<Object>> decisions(PushScenario scenario, List<Integer> order) {
        Map<String, List<Object>> decisions = new java.util.HashMap<>();
        for (int i : order) {
            PushDecision push = scenario.decide(org(i), "NA" + (i % 7), "4.2.1", 0);
            PushDecision retry = scenario.decide(org(i), "NA" + (i % 7), "4.2.1", 1);
            decisions.put(org(i), java.util.Arrays.asList(push.latency(), push.failure(), retry.latency(), retry.failure(),
                    scenario.refusesCall(org(i), "4.2.1", 0, 0)));
        }
        return decisions;
    }

    @Test
    void anotherSeedDecidesDifferently() {
        FailureModel failures = FailureModel.NONE.withFleet(FailureRates.of(PushErrorType.APEX_TEST_FAILURE, 0.5));
        PushScenario seven = new PushScenario(7, TWO_MINUTES_TAIL_HALF_HOUR, failures, 1.0);
        PushScenario eight = new PushScenario(8, TWO_MINUTES_TAIL_HALF_HOUR, failures, 1.0);

        long same = IntStream.range(0, 1000)
                .filter(i -> seven.decide(org(i), "NA1", "4.2.1", 0).equals(eight.decide(org(i), "NA1", "4.2.1", 0)))
                .count();

        assertThat(same).isLessThan(50);
    }

    @Test
    void aVersionFailsApexTestsInItsShareOfOrgs() {
        FailureModel failures = FailureModel.NONE.withVersion("4.2.1", FailureRates.of(PushErrorType.APEX_TEST_FAILURE, 0.4));
        PushScenario scenario = new PushScenario(42, LatencyModel.ZERO, failures, 1.0);

        double failing421 = share(i -> scenario.decide(org(i), "NA1", "4.2.1", 0).failure() == PushErrorType.APEX_TEST_FAILURE);
        double failing422 = share(i -> scenario.decide(org(i), "NA1", "4.2.2", 0).failure() != null);

        assertThat(failing421).isCloseTo(0.40, within(0.015));
        assertThat(failing422).isZero();
    }

    @Test
    void aBadReleaseFailsEveryPush() {
        PushScenario scenario = new PushScenario(42, LatencyModel.ZERO,
                FailureModel.badRelease("5.0.0", PushErrorType.DEPLOY_ERROR), 1.0);

        assertThat(share(i -> scenario.decide(org(i), "EU12", "5.0.0", i % 3).failure() == PushErrorType.DEPLOY_ERROR))
                .isEqualTo(1.0);
    }

    @Test
    void permanentFailuresHitTheSameOrgsAgainWhileTransientOnesAreDrawnPerJob() {
        FailureModel failures = FailureModel.NONE.withFleet(FailureRates.parse(
                Map.of("PACError", 0.2, "LockingFailure", 0.5)));
        PushScenario scenario = new PushScenario(3, LatencyModel.ZERO, failures, 1.0);

        int permanentBoth = 0;
        int permanentFirst = 0;
        int transientFirst = 0;
        int transientBoth = 0;
        for (int i = 0; i < ORGS; i++) {
            PushErrorType first = scenario.decide(org(i), "NA1", "4.2.1", 0).failure();
            PushErrorType retry = scenario.decide(org(i), "NA1", "4.2.1", 1).failure();
            if (first == PushErrorType.PAC_ERROR) {
                permanentFirst++;
                if (retry == PushErrorType.PAC_ERROR) {
                    permanentBoth++;
                }
            }
            if (first == PushErrorType.LOCKING_FAILURE) {
                transientFirst++;
                if (retry == PushErrorType.LOCKING_FAILURE) {
                    transientBoth++;
                }
            }
        }

        assertThat(permanentBoth).isEqualTo(permanentFirst);
        assertThat((double) permanentFirst / ORGS).isCloseTo(0.2, within(0.015));
        assertThat((double) transientFirst / ORGS).isCloseTo(0.5, within(0.015));
        // Drawn afresh for the second job: 0.5 of the first job's transient failures fail again,
        // scaled by the share of orgs without a permanent failure (0.5 / 0.8).
        assertThat((double) transientBoth / transientFirst).isCloseTo(0.625, within(0.03));
    }

    @Test
    void fleetInstanceAndVersionRatesAddUp() {
        FailureModel failures = FailureModel.NONE
                .withFleet(FailureRates.of(PushErrorType.LOCKING_FAILURE, 0.05))
                .withInstance("NA135", FailureRates.of(PushErrorType.LIMIT_EXCEEDED, 0.10))
                .withVersion("4.2.1", FailureRates.of(PushErrorType.APEX_TEST_FAILURE, 0.20));
        PushScenario scenario = new PushScenario(11, LatencyModel.ZERO, failures, 1.0);

        Map<PushErrorType, Integer> onNa135 = mix(i -> scenario.decide(org(i), "NA135", "4.2.1", 0).failure());
        Map<PushErrorType, Integer> elsewhere = mix(i -> scenario.decide(org(i), "EU7", "4.2.1", 0).failure());

        assertThat(onNa135.get(PushErrorType.LOCKING_FAILURE) / (double) ORGS).isCloseTo(0.05, within(0.01));
        assertThat(onNa135.get(PushErrorType.LIMIT_EXCEEDED) / (double) ORGS).isCloseTo(0.10, within(0.01));
        assertThat(onNa135.get(PushErrorType.APEX_TEST_FAILURE) / (double) ORGS).isCloseTo(0.20, within(0.01));
        assertThat(elsewhere.getOrDefault(PushErrorType.LIMIT_EXCEEDED, 0)).isZero();
    }

    @Test
    void latenciesFollowTheMedianAndTheTail() {
        PushScenario scenario = new PushScenario(5, TWO_MINUTES_TAIL_HALF_HOUR, FailureModel.NONE, 1.0);

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            seconds.add(scenario.decide(org(i), "NA1", "4.2.1", 0).latency().toSeconds());
        }
        Collections.sort(seconds);

        assertThat(seconds.get(ORGS / 2)).isBetween(110L, 130L);
        assertThat(seconds.get(ORGS * 99 / 100)).isBetween(1600L, 2000L);
        assertThat(seconds.getLast()).isLessThanOrEqualTo(Duration.ofMinutes(300).toSeconds());
    }

    @Test
    void anOrgSlowLastTimeIsLikelySlowAgain() {
        PushScenario scenario = new PushScenario(5, TWO_MINUTES_TAIL_HALF_HOUR, FailureModel.NONE, 1.0);

        double[] before = new double[ORGS];
        double[] after = new double[ORGS];
        for (int i = 0; i < ORGS; i++) {
            before[i] = Math.log(scenario.decide(org(i), "NA1", "4.2.1", 0).latency().toMillis());
            after[i] = Math.log(scenario.decide(org(i), "NA1", "4.3.0", 0).latency().toMillis());
        }

        // the org's share of the spread, but not every push of an org the same
        assertThat(correlation(before, after)).isCloseTo(PushScenario.ORG_SHARE_OF_DURATION, within(0.03));
        assertThat(scenario.decide(org(1), "NA1", "4.2.1", 0).latency())
                .isNotEqualTo(scenario.decide(org(1), "NA1", "4.3.0", 0).latency());
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void theTimeScaleCompressesEveryLatency() {
        PushScenario realTime = new PushScenario(5, TWO_MINUTES_TAIL_HALF_HOUR, FailureModel.NONE, 1.0);
        PushScenario compressed = new PushScenario(5, TWO_MINUTES_TAIL_HALF_HOUR, FailureModel.NONE, 0.01);

        Duration real = realTime.decide(org(1), "NA1", "4.2.1", 0).latency();
        Duration fast = compressed.decide(org(1), "NA1", "4.2.1", 0).latency();

        assertThat((double) fast.toNanos()).isCloseTo(real.toNanos() / 100.0, within(1.0));
    }

    @Test
    void callsAreRefusedAtTheUnavailableRateAndDrawnAgainForTheNextCall() {
        PushScenario scenario = new PushScenario(9, LatencyModel.ZERO, FailureModel.NONE.withUnavailableRate(0.3), 1.0);

        double refusedFirst = share(i -> scenario.refusesCall(org(i), "4.2.1", 0, 0));
        double refusedTwice = share(i -> scenario.refusesCall(org(i), "4.2.1", 0, 0) && scenario.refusesCall(org(i), "4.2.1", 0, 1));

        assertThat(refusedFirst).isCloseTo(0.3, within(0.015));
        assertThat(refusedTwice).isCloseTo(0.09, within(0.015));
    }

    private static String org(int i) {
        return "00D" + String.format("%012d", i) + "AAA";
    }

    private static double share(java.util.function.IntPredicate predicate) {
        return IntStream.range(0, ORGS).filter(predicate).count() / (double) ORGS;
    }

    private static Map<PushErrorType, Integer> mix(java.util.function.IntFunction<PushErrorType> decide) {
        Map<PushErrorType, Integer> counts = new EnumMap<>(PushErrorType.class);
        for (int i = 0; i < ORGS; i++) {
            PushErrorType type = decide.apply(i);
            if (type != null) {
                counts.merge(type, 1, Integer::sum);
            }
        }
        return counts;
    }
}
