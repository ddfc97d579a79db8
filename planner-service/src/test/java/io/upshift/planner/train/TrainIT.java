package io.upshift.planner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A release train against the real planner, broker and database, the executors stood in for: the
 * dependent tier's orgs are released only after their base succeeded (or where the base was met
 * already), and skipped (DependencyNotMet) where it failed or the base tier left the org out — while the
 * dependent tier is paused and resumed, and a failed base org is retried.
 */
class TrainIT extends PlannerIT {

    @Test
    void releasesEachExtensionOnlyAfterItsBaseSucceededThroughAPauseAndARetry() throws Exception {
        Inventory inventory = inventory();
        Inventory.Package base = inventory.newPackage();
        Inventory.Package extension = inventory.newPackage();
        List<String> inBase = base.add(Org.production().installed("4.1.0").times(6));
        List<String> metAlready = base.add(List.of(Org.production().installed("4.2.1")));
        List<String> leftOut = base.add(List.of(Org.production().installed("4.1.0")));
        List<String> all = new ArrayList<>(inBase);
        all.addAll(metAlready);
        all.addAll(leftOut);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String org : all) {
            jdbc.update("""
                    insert into installed_package (org_id, package_id, installed_version, major, minor, patch, build, beta,
                                                   installed, updated_at)
                    values (?, ?, '4.1.0', 4, 1, 0, 0, false, true, now())""", org, extension.id);
        }
        Set<String> baseFails = Set.of(inBase.get(0), inBase.get(1));

        String body = """
                {"name": "base + extension", "tiers": [
                  {"campaign": %s},
                  {"campaign": %s, "requires": {"packageId": "%s", "minimumVersion": "4.2.1"}}]}""".formatted(
                tier(base.id, inBase), tier(extension.id, all), base.id);
        Response created = api().post("/api/v1/trains", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String train = created.json().get("trainId").asText();
        String baseCampaign = created.json().get("tiers").get(0).get("campaignId").asText();
        String extensionCampaign = created.json().get("tiers").get(1).get("campaignId").asText();

        JsonNode dependency = api().get("/api/v1/trains/" + train + "/preview").json().get("tiers").get(1).get("dependency");
        assertThat(dependency.get("alreadyMet").asLong()).isEqualTo(1);
        assertThat(dependency.get("awaitingBase").asLong()).isEqualTo(6);
        assertThat(dependency.get("excluded").get("DEPENDENCY_NOT_MET").asLong()).isEqualTo(1);

        try (TestExecutor baseExecutor = TestExecutor.answering(baseCampaign,
                c -> baseFails.contains(c.getOrgId().toString()) ? OutcomeStatus.FAILED : OutcomeStatus.SUCCEEDED,
                Duration.ofMillis(700));
             TestExecutor extensionExecutor = TestExecutor.answering(extensionCampaign, c -> OutcomeStatus.SUCCEEDED,
                     Duration.ofMillis(20))) {
            Response scheduled = api().post("/api/v1/trains/" + train + "/schedule");
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
            // the dependent tier paused and resumed while its base runs
            assertThat(api().post("/api/v1/campaigns/" + extensionCampaign + "/pause", "{}").status()).isEqualTo(200);
            Thread.sleep(1500);
            assertThat(api().post("/api/v1/campaigns/" + extensionCampaign + "/resume").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode campaign = api().get("/api/v1/campaigns/" + baseCampaign).json();
                assertThat(campaign.get("state").asText()).as(campaign.toString()).isEqualTo("COMPLETED");
            });
            // a person retries a failed base org: its extension, skipped, stays skipped
            Response retried = api().post("/api/v1/campaigns/" + baseCampaign + "/retry-failed",
                    "{\"orgIds\": [\"" + inBase.get(0) + "\"]}");
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode t = api().get("/api/v1/trains/" + train).json();
                assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED");
            });

            Map<String, Instant> baseSucceededAt = baseExecutor.sent().stream()
                    .filter(s -> s.outcome().getStatus() == OutcomeStatus.SUCCEEDED)
                    .collect(Collectors.toMap(s -> s.outcome().getOrgId().toString(), TestExecutor.Sent::at, (a, b) -> a));
            List<TestExecutor.Received> released = extensionExecutor.received();
            assertThat(released).extracting(r -> r.command().getOrgId().toString())
                    .containsExactlyInAnyOrderElementsOf(all.stream()
                            .filter(o -> !baseFails.contains(o) && !leftOut.contains(o)).toList());
            for (TestExecutor.Received r : released) {
                String org = r.command().getOrgId().toString();
                if (!metAlready.contains(org)) {
                    assertThat(r.at()).as("the extension of %s released before its base succeeded", org)
                            .isAfterOrEqualTo(baseSucceededAt.get(org));
                }
            }
        }
        for (String org : all) {
            JsonNode target = target(extensionCampaign, org);
            if (baseFails.contains(org) || leftOut.contains(org)) {
                assertThat(target.get("state").asText()).isEqualTo("CANCELED");
                assertThat(target.get("errorCode").asText()).isEqualTo("DependencyNotMet");
                assertThat(target.get("attempt").asInt()).isZero();
            } else {
                assertThat(target.get("state").asText()).as(org).isEqualTo("SUCCEEDED");
            }
        }
        assertThat(api().get("/api/v1/trains/" + train).json().get("tiers").get(1).get("dependencyNotMet").asInt())
                .isEqualTo(3);
    }

    @Test
    void refusesTiersThatDoNotMakeATrain() {
        String pkg = inventory().newPackage().id;
        Response answer = api().post("/api/v1/trains", """
                {"name": "one package twice", "tiers": [
                  {"campaign": %s},
                  {"campaign": %s, "requires": {"packageId": "%s", "minimumVersion": "4.3"}}]}""".formatted(
                CampaignJson.forPackage(pkg).json(), CampaignJson.forPackage(pkg).json(), pkg));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.text()).contains("tiers[1].campaign.packageId", "tiers[1].requires.packageId");
    }

    /** Two orgs in a canary, the rest in one wave; a gate that never trips: the base's failures are this test's point. */
    private static String tier(String packageId, List<String> orgs) {
        return CampaignJson.forPackage(packageId).orgIds(orgs).with("strategy.sandboxesFirst", false)
                .with("strategy.canary", Map.of("count", 2)).with("strategy.ramp", Map.of("type", "SINGLE"))
                .with("gate.failureThresholdPercent", 100).with("gate.minimumFinished", 1)
                // windows planned a second apart per wave, not ten minutes: the ramp's orgs may start at once
                .with("pacing.expectedUpgradeDuration", "PT1S").json();
    }
}
