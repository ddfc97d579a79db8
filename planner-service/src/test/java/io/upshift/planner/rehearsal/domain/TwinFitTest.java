package io.upshift.planner.rehearsal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.PushErrorType;
import io.upshift.fleet.world.PushScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TwinFitTest {

    @Test
    void anEmptyHistoryUsesTheDocumentedDefaultsAndSaysSo() {
        Twin twin = TwinFit.fit(List.of(), "2.0", Duration.ofMinutes(10));

        assertThat(twin.spread().median()).isEqualTo(Duration.ofMinutes(10));
        assertThat(twin.failures().fleet()).isEqualTo(TwinFit.DEFAULT_FLEET_RATES);
        assertThat(twin.defaults()).hasSize(3);
    }

    @Test
    void fitsDurationsRatesPodsChronicOrgsTheTargetVersionAndRefusedCalls() {
        List<PastPush> history = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String org = "org" + i;
            String pod = i < 50 ? "NA1" : "EU2";
            // campaign A pushed 1.0: 2 Apex failures on NA1, 5 locking failures on EU2
            boolean fails = (i < 2) || (i >= 50 && i < 55);
            history.add(new PastPush("A", org, pod, "1.0", fails ? "FAILED" : "SUCCEEDED",
                    i < 2 ? "ApexTestFailure" : fails ? "LockingFailure" : null, i % 10 == 0 ? 3 : 1,
                    Duration.ofMinutes(5 + i % 10)));
        }
        // org99 failed twice: chronic
        history.add(new PastPush("B", "org99", "EU2", "1.1", "FAILED", "DeployError", 1, Duration.ofMinutes(1)));
        history.add(new PastPush("C", "org99", "EU2", "1.2", "FAILED", "DeployError", 1, Duration.ofMinutes(1)));
        // the target version halted in its canary: 3 of 4 failed Apex tests
        for (int i = 0; i < 4; i++) {
            history.add(new PastPush("D", "org" + (10 + i), "NA1", "2.0", i < 3 ? "FAILED" : "SUCCEEDED",
                    i < 3 ? "ApexTestFailure" : null, 1, Duration.ofMinutes(6)));
        }

        Twin twin = TwinFit.fit(history, "2.0", Duration.ofMinutes(10));

        // one org (org13) pushed twice with success: too few to fit how much of the spread is the org's
        assertThat(twin.defaults()).singleElement().asString().contains("the org's share of the spread");
        assertThat(twin.orgShare()).isEqualTo(PushScenario.ORG_SHARE_OF_DURATION);
        assertThat(twin.chronic()).containsOnlyKeys("org99");
        assertThat(twin.chronic().get("org99").type()).isEqualTo(PushErrorType.DEPLOY_ERROR);
        // fleet: 99 pushes of 1.0 (org99's left out), 2 Apex, 5 locking
        assertThat(twin.failures().fleet().rate(PushErrorType.APEX_TEST_FAILURE)).isCloseTo(2 / 99.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(twin.failures().byInstance()).containsKey("EU2");
        assertThat(twin.failures().byVersion().get("2.0").rate(PushErrorType.APEX_TEST_FAILURE)).isGreaterThan(0.7);
        assertThat(twin.failures().unavailableRate()).isGreaterThan(0);
        assertThat(twin.own()).containsKey("org5");
        assertThat(twin.spread().median()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(14));
    }

    @Test
    void theOrgsShareOfTheSpreadIsFittedFromOrgsThatPushedTwiceOnTheSimulatedFleet() {
        // the simulated fleet's own durations: 0.8 of their log variance belongs to the org
        PushScenario fleet = new PushScenario(42, LatencyModel.logNormal(Duration.ofMinutes(5), Duration.ofMinutes(20)),
                FailureModel.NONE, 1.0);
        List<PastPush> history = new ArrayList<>();
        for (String version : List.of("1.0", "1.1")) {
            for (int i = 0; i < 2000; i++) {
                history.add(new PastPush(version, "org" + i, "NA1", version, "SUCCEEDED", null, 0,
                        fleet.decide("org" + i, "NA1", version, 0).latency()));
            }
        }

        Twin twin = TwinFit.fit(history, "2.0", Duration.ofMinutes(10));

        assertThat(twin.orgShare()).isCloseTo(PushScenario.ORG_SHARE_OF_DURATION, Offset.offset(0.05));
        assertThat(twin.defaults()).noneMatch(d -> d.startsWith("push durations"));
        assertThat(twin.spread().median()).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
        assertThat(twin.spread().p99()).isBetween(Duration.ofMinutes(16), Duration.ofMinutes(24));
    }

    @Test
    void anOrgIsDrawnAroundItsOwnPushesWithOnlyThePushesShareOfTheSpreadLeft() {
        // 400 orgs pushed twice: org i takes 2^(i mod 5) minutes both times — the spread is all the org's
        List<PastPush> history = new ArrayList<>();
        for (String version : List.of("1.0", "1.1")) {
            for (int i = 0; i < 400; i++) {
                history.add(new PastPush(version, "org" + i, "NA1", version, "SUCCEEDED", null, 0,
                        Duration.ofMinutes(1L << (i % 5))));
            }
        }

        Twin twin = TwinFit.fit(history, "2.0", Duration.ofMinutes(10));

        assertThat(twin.orgShare()).isEqualTo(1.0);
        assertThat(twin.own().get("org4")).isEqualTo(new Twin.Own(Duration.ofMinutes(16), 0));
        assertThat(twin.own().get("org0")).isEqualTo(new Twin.Own(Duration.ofMinutes(1), 0));
    }

    @Test
    void whenAnOrgsPushesDoNotPredictEachOtherItIsDrawnFromThePackagesSpread() {
        // two pushes per org, independent of each other: the org's own history tells nothing
        List<PastPush> history = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (String version : List.of("1.0", "1.1")) {
            for (int i = 0; i < 2000; i++) {
                history.add(new PastPush(version, "org" + i, "NA1", version, "SUCCEEDED", null, 0,
                        Duration.ofMillis((long) (300_000 * Math.exp(0.6 * random.nextGaussian())))));
            }
        }

        Twin twin = TwinFit.fit(history, "2.0", Duration.ofMinutes(10));

        assertThat(twin.orgShare()).isLessThan(0.05);
        Twin.Own any = twin.own().get("org17");
        assertThat(any.median().toMillis()).isCloseTo(twin.spread().median().toMillis(), Offset.offset(15_000L));
        assertThat(any.sigma()).isCloseTo(0.6, Offset.offset(0.05));
    }
}
