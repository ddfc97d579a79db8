package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
        upshift = LocalUpshift.start(stack, TrainScenario.settings(options, 2).withDatabase("train")
                // the base of the second train (4.3.0) fails everywhere: its canary trips the gate
                .withExecutor(Map.of("upshift.executor.simulated.failures.versions.[4.3.0].ApexTestFailure", "1.0")));
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
    void theTrainsApprovalsStartTheWaitingWavesOfEveryTier() {
        // four waves per tier, every one behind an approval, and no approval given but the train's: each
        // approval started what waited in either tier (both canaries at once, as a rule)
        assertThat(result.approvals()).isBetween(1, 8);
        assertThat(result.train().path("tiers")).allSatisfy(t -> assertThat(t.path("counts").path("total").asInt())
                .isEqualTo(t.path("counts").path("succeeded").asInt() + t.path("counts").path("failed").asInt()
                        + t.path("counts").path("canceled").asInt()));
    }

    @Test
    void whenTheBaseTierHaltsTheDependentTierHaltsWithAReasonNamingTheBase() {
        TrainScenario.Options bad = new TrainScenario.Options(60, 6, 8);
        CampaignScript script = new CampaignScript(upshift, new PrintStream(System.out, true), Clock.systemUTC());
        ApiClient operator = script.plannerAs("train-halt", "OPERATOR");
        script.registerPackage(bad.basePackageId(), "Acme Billing", "acme", List.of("4.1.0", "4.3.0"),
                i -> bad.versionId(bad.basePackageId(), i));
        script.registerPackage(bad.extrasPackageId(), "Acme Billing Extras", "acmex", List.of("1.9.0", "2.0.0"),
                i -> bad.versionId(bad.extrasPackageId(), i));
        FleetOptions fleet = FleetOptions.defaults(bad.orgs(), bad.seed()).withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN)
                .withBeta(null, 0).withNotInstalledShare(0);
        script.importFleet(bad.basePackageId(), fleet.withInstalledVersions(List.of(new FleetOptions.Weighted("4.1.0", 1))));
        script.importFleet(bad.extrasPackageId(), fleet.withInstalledVersions(List.of(new FleetOptions.Weighted("1.9.0", 1))));
        Map<String, Object> base = new java.util.LinkedHashMap<>(TrainScenario.campaign("bad base", bad.basePackageId(), "4.3.0"));
        Map<String, Object> extras = new java.util.LinkedHashMap<>(
                TrainScenario.campaign("its extension", bad.extrasPackageId(), "2.0.0"));
        for (Map<String, Object> tier : List.of(base, extras)) {
            tier.put("strategy", Map.of("canary", Map.of("count", 5), "ramp", Map.of("type", "SINGLE")));
            tier.put("gate", Map.of("failureThresholdPercent", 30, "minimumFinished", 3));
        }
        JsonNode train = operator.post("/api/v1/trains", Map.of("name", "bad base train", "tiers", List.of(
                Map.of("campaign", base),
                Map.of("campaign", extras, "requires", Map.of("packageId", bad.basePackageId(), "minimumVersion", "4.2")))));
        String id = train.path("trainId").asText();
        operator.post("/api/v1/trains/" + id + "/schedule", Map.of());

        JsonNode halted = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> operator.get("/api/v1/trains/" + id),
                        t -> t.path("tiers").get(1).path("state").asText().equals("HALTED"));

        assertThat(halted.path("state").asText()).isEqualTo("HALTED");
        assertThat(halted.path("tiers").get(0).path("state").asText()).isEqualTo("HALTED");
        assertThat(halted.path("tiers").get(1).path("stateReason").asText())
                .contains("base tier 'bad base'", halted.path("tiers").get(0).path("campaignId").asText());
        // not one extension push: every base push failed or never started
        assertThat(halted.path("tiers").get(1).path("counts").path("succeeded").asInt()).isZero();
        assertThat(halted.path("tiers").get(1).path("counts").path("dispatched").asInt()).isZero();

        JsonNode canceled = operator.post("/api/v1/trains/" + id + "/cancel", Map.of("reason", "bad base"));
        assertThat(canceled.path("state").asText()).isEqualTo("CANCELED");
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
