package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The blast-radius bound by default: a bad release whose campaign sets no cap at all is still bounded
 * by the gate's minimum sample plus the planner's default in-flight cap — and the planner said so
 * before anything ran. A small fleet and a small default cap keep it quick; the canary (5 % of the
 * production orgs) is larger than the bound, so only the cap can have held it.
 */
class DefaultCapEndToEndIT {

    private static final int DEFAULT_MAX_IN_FLIGHT = 8;

    private static LocalUpshift upshift;
    private static DemoResult result;

    @BeforeAll
    static void runTheBadReleaseWithoutCaps() {
        DemoScenario.Options options = DemoScenario.Options.defaults().withOrgs(1000).withSeed(17).withRun(103)
                .withBadRelease(true).withUserCaps(false);
        upshift = LocalUpshift.start(DevStack.shared(), DemoScenario.settings(options, 1).withDatabase("default_cap")
                .withPlanner(Map.of("upshift.planner.dispatch.default-max-in-flight",
                        String.valueOf(DEFAULT_MAX_IN_FLIGHT))));
        result = new DemoScenario(upshift, options, new PrintStream(System.out, true), Clock.systemUTC())
                .run(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void theCampaignSetNoCapAndTheCanaryIsLargerThanTheBound() {
        JsonNode pacing = result.status().path("definition").path("pacing");
        assertThat(pacing.path("maxInFlight").isNull()).isTrue();
        assertThat(pacing.path("maxInFlightPerInstance").isNull()).isTrue();
        assertThat(result.status().path("waves").get(1).path("counts").path("total").asInt())
                .isGreaterThan(DemoScenario.GATE_MINIMUM_FINISHED + DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void theGateHaltsTheBadReleaseAndNoMoreOrgsRanItThanTheSamplePlusTheDefaultCap() {
        assertThat(result.state()).isEqualTo("HALTED");
        assertThat(result.productionOrgsPushed()).isPositive()
                .isLessThanOrEqualTo(DemoScenario.GATE_MINIMUM_FINISHED + DEFAULT_MAX_IN_FLIGHT);
        assertThat(result.world().orgsUpgradedMoreThanOnce()).isZero();
    }

    @Test
    void theCampaignViewStatesTheBoundInOrgs() {
        JsonNode bound = result.status().path("blastRadius");
        int orgs = DemoScenario.GATE_MINIMUM_FINISHED + DEFAULT_MAX_IN_FLIGHT;
        assertThat(bound.path("maxInFlight").asInt()).isEqualTo(DEFAULT_MAX_IN_FLIGHT);
        assertThat(bound.path("defaultCap").asBoolean()).isTrue();
        assertThat(bound.path("orgs").asInt()).isEqualTo(orgs);
        assertThat(bound.path("statement").asText())
                .startsWith("at most " + orgs + " orgs can run a failing version before the gate halts");
        assertThat(result.status().path("plan").path("blastRadius").path("orgs").asInt()).isEqualTo(orgs);
    }
}
