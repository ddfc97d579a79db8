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
 * A bad release — it passes in sandboxes but fails Apex tests in every production org — stops
 * after the canary: the gate halts the campaign, few orgs ever ran the version, and the release
 * team gets the halt report.
 */
class BadReleaseEndToEndIT {

    private static LocalUpshift upshift;
    private static DemoResult result;
    private static DevStack stack;

    @BeforeAll
    static void runTheBadRelease() {
        stack = DevStack.shared();
        DemoScenario.Options options = DemoScenario.Options.defaults().withSeed(11).withRun(102).withBadRelease(true);
        upshift = LocalUpshift.start(stack, DemoScenario.settings(options, 2).withDatabase("bad_release"));
        result = new DemoScenario(upshift, options, new PrintStream(System.out, true), Clock.systemUTC())
                .run(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void theCanaryTripsTheGateAndTheCampaignHalts() {
        assertThat(result.state()).isEqualTo("HALTED");
        JsonNode waves = result.status().path("waves");
        assertThat(waves.get(0).path("kind").asText()).isEqualTo("SANDBOX");
        assertThat(waves.get(0).path("state").asText()).isEqualTo("PASSED");
        assertThat(waves.get(1).path("kind").asText()).isEqualTo("CANARY");
        assertThat(waves.get(1).path("state").asText()).isEqualTo("HALTED");
        for (int i = 2; i < waves.size(); i++) {
            assertThat(waves.get(i).path("state").asText()).isEqualTo("PENDING");
        }
    }

    @Test
    void noMoreProductionOrgsRanTheBadVersionThanTheGatesSamplePlusTheInFlightCap() {
        assertThat(result.productionOrgsPushed()).isPositive()
                .isLessThanOrEqualTo(DemoScenario.GATE_MINIMUM_FINISHED + DemoScenario.MAX_IN_FLIGHT);
        assertThat(result.world().orgsUpgradedMoreThanOnce()).isZero();
    }

    @Test
    void thePublishersHaltReportIsMailed() {
        Map<String, Map<String, Integer>> emails = Evidence.emails(stack, result.campaignId());

        assertThat(emails).containsKey("halted-report");
        assertThat(emails.get("halted-report").values().stream().mapToInt(Integer::intValue).sum()).isOne();
    }
}
