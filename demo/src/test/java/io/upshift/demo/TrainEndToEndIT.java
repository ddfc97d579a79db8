package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A release train on the embedded stack (#22): Billing 4.2.1 fails Apex tests in some orgs; Billing
 * Extras 2.0.0, which needs Billing ≥ 4.2.0, is skipped (DependencyNotMet) in exactly those and succeeds in
 * all the others, each org's Extras push released only after its Billing push succeeded. The simulated
 * fleet fails an Extras push over an old Billing (FeatureMissing), so a release before the base would show.
 */
class TrainEndToEndIT {

    private static LocalUpshift upshift;
    private static TrainScenario.Result result;

    @BeforeAll
    static void runTheTrain() {
        DevStack stack = DevStack.shared();
        TrainScenario.Options options = new TrainScenario.Options(240, 5, 7);
        upshift = LocalUpshift.start(stack, TrainScenario.settings(options, 2).withDatabase("train"));
        PrintStream out = new PrintStream(System.out, true);
        result = new TrainScenario(upshift, options, out, Clock.systemUTC()).run(Duration.ofMinutes(4));
        TrainScenario.printSummary(out, result);
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void bothTiersCompleteAndTheExtensionIsSkippedInExactlyTheOrgsWhereItsBaseFailed() {
        assertThat(result.train().path("tiers")).allSatisfy(t -> assertThat(t.path("state").asText()).isEqualTo("COMPLETED"));
        Set<String> baseFailed = TrainScenario.orgs(result.baseOrgs(), "FAILED");
        assertThat(baseFailed).as("Billing 4.2.1 fails in some orgs").isNotEmpty();
        assertThat(TrainScenario.orgs(result.baseOrgs(), "SUCCEEDED")).isNotEmpty();

        Set<String> skipped = result.extrasOrgs().stream()
                .filter(o -> o.path("state").asText().equals("CANCELED")
                        && o.path("errorCode").asText().equals("DependencyNotMet"))
                .map(o -> o.path("orgId").asText()).collect(Collectors.toSet());
        assertThat(skipped).isEqualTo(baseFailed);
        Set<String> rest = new HashSet<>();
        result.extrasOrgs().forEach(o -> rest.add(o.path("orgId").asText()));
        rest.removeAll(skipped);
        assertThat(result.extrasOrgs()).filteredOn(o -> rest.contains(o.path("orgId").asText()))
                .allSatisfy(o -> assertThat(o.path("state").asText()).as(o.toString()).isEqualTo("SUCCEEDED"));
        assertThat(result.train().path("tiers").get(1).path("dependencyNotMet").asInt()).isEqualTo(baseFailed.size());
    }

    @Test
    void noExtensionPushWasReleasedBeforeItsBaseSucceededInThatOrgNorAttemptedWhereItFailed() {
        Map<String, JsonNode> base = result.baseOrgs().stream()
                .collect(Collectors.toMap(o -> o.path("orgId").asText(), Function.identity()));
        for (JsonNode extras : result.extrasOrgs()) {
            JsonNode b = base.get(extras.path("orgId").asText());
            if (extras.path("state").asText().equals("SUCCEEDED")) {
                assertThat(b.path("state").asText()).isEqualTo("SUCCEEDED");
                assertThat(Instant.parse(extras.path("dispatchedAt").asText()))
                        .as("org %s: Extras released before Billing finished", extras.path("orgId").asText())
                        .isAfterOrEqualTo(Instant.parse(b.path("finishedAt").asText()));
            } else {
                // skipped, never attempted: no command, no push job in the Extras' world
                assertThat(extras.path("attempt").asInt()).isZero();
                assertThat(extras.path("dispatchedAt").isNull() || extras.path("dispatchedAt").isMissingNode()).isTrue();
                assertThat(extras.path("errorMessage").asText()).contains("FAILED");
            }
        }
        assertThat(result.extrasOrgs()).noneSatisfy(o -> assertThat(o.path("errorCode").asText())
                .isIn("FeatureMissing", "IneligibleUpgrade"));
    }
}
