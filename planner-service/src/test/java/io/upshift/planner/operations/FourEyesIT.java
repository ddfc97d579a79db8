package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.planner.support.Api;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The four-eyes rule on a real campaign: its creator — taken from the credentials, not from the
 * request — cannot approve its first production wave; someone else can; the creator may approve
 * later waves. Every change, refused or not, is in the campaign's audit trail.
 */
class FourEyesIT extends PlannerIT {

    @Test
    void theCreatorCannotApproveTheFirstProductionWaveButAnotherApproverCan() {
        // given carol, who may both operate and approve, creates a campaign (claiming to be alice) and dave edits it
        Api carol = api().as("carol", "OPERATOR", "APPROVER");
        Api bob = api().as("bob", "APPROVER");
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(3));
        pkg.add(Org.production().times(6));
        CampaignJson json = CampaignJson.forPackage(pkg.id).with("createdBy", "alice")
                .with("strategy.canary", java.util.Map.of("count", 2)).with("strategy.ramp.type", "SINGLE")
                .with("strategy.approvalRequired", true).with("pacing.expectedUpgradeDuration", "PT1S");
        Response created = carol.post("/api/v1/campaigns", json.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("createdBy").asText()).isEqualTo("carol");
        Response edited = api().as("dave", "OPERATOR").put("/api/v1/campaigns/" + id,
                json.with("name", "Push 4.2.1 (edited)").with("createdBy", "dave").json(), "\"0\"");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("createdBy").asText()).isEqualTo("carol");
        assertThat(carol.post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20))) {
            // when the sandboxes passed and the canary (wave 2, the first production wave) waits for approval
            awaitApprovalOf(id, 2);
            Response byCreator = carol.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 2}");
            Response byCreatorWithOnlyTheApproverRole = api().as("carol", "APPROVER").post("/api/v1/campaigns/" + id + "/approve");
            Response byAnother = bob.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 2}");

            // then the creator is refused with the rule's name, someone else is not
            assertThat(byCreator.status()).as(byCreator.toString()).isEqualTo(403);
            assertThat(byCreator.header("Content-Type")).startsWith("application/problem+json");
            assertThat(byCreator.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/four-eyes");
            assertThat(byCreator.json().get("detail").asText())
                    .contains("carol created campaign " + id).contains("first production wave");
            assertThat(byCreatorWithOnlyTheApproverRole.status()).isEqualTo(403);
            assertThat(byAnother.status()).as(byAnother.toString()).isEqualTo(200);
            assertThat(byAnother.json().get("waves").get(1).get("approvedBy").asText()).isEqualTo("bob");

            // and the next production wave the creator may approve herself
            awaitApprovalOf(id, 3);
            Response later = carol.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 3}");
            assertThat(later.status()).as(later.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
        }

        // the campaign's audit trail, newest first, readable by any role
        Response trail = api().as("vera", "VIEWER").get("/api/v1/campaigns/" + id + "/audit");
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : trail.json().get("items")) {
            entries.add(entry.get("principal").asText() + " " + entry.get("method").asText() + " "
                    + entry.get("path").asText().replace(id, "{id}") + " " + entry.get("status").asInt());
            assertThat(entry.get("at").isNull()).isFalse();
            assertThat(entry.get("remoteAddress").asText()).isNotBlank();
            assertThat(entry.get("authentication").asText()).isEqualTo("JWT");
        }
        assertThat(entries).containsExactly(
                "carol POST /api/v1/campaigns/{id}/approve 200",
                "bob POST /api/v1/campaigns/{id}/approve 200",
                "carol POST /api/v1/campaigns/{id}/approve 403",
                "carol POST /api/v1/campaigns/{id}/approve 403",
                "carol POST /api/v1/campaigns/{id}/schedule 200",
                "dave PUT /api/v1/campaigns/{id} 200",
                "carol POST /api/v1/campaigns 201");
        // the whole log is for administrators only
        assertThat(api().as("vera", "VIEWER").get("/api/v1/audit?resource=campaigns&targetId=" + id).status())
                .isEqualTo(403);
        assertThat(api().as("ada", "ADMIN").get("/api/v1/audit?resource=campaigns&targetId=" + id).json()
                .get("items")).hasSize(7);
    }

    @Test
    void aProductionCanaryThatGoesFirstWaitsForSomeoneWhoNeitherCreatedNorScheduledIt() {
        // given carol creates and dave schedules a campaign whose first wave is a production canary
        Api carol = api().as("carol", "OPERATOR", "APPROVER");
        Api dave = api().as("dave", "OPERATOR", "APPROVER");
        Api bob = api().as("bob", "APPROVER");
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(2));
        pkg.add(Org.production().times(6));
        CampaignJson json = CampaignJson.forPackage(pkg.id).with("strategy.sandboxesFirst", false)
                .with("strategy.canary", java.util.Map.of("count", 2)).with("strategy.ramp.type", "SINGLE")
                .with("strategy.approvalRequired", true).with("pacing.expectedUpgradeDuration", "PT1S");
        Response created = carol.post("/api/v1/campaigns", json.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response scheduled = dave.post("/api/v1/campaigns/" + id + "/schedule");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().get("scheduledBy").asText()).isEqualTo("dave");
        assertThat(scheduled.json().get("waves").get(0).get("kind").asText()).isEqualTo("CANARY");

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20))) {
            // when the campaign started, its first wave waits: nothing is released on its creator's word alone
            awaitApprovalOf(id, 1);
            sleep(Duration.ofSeconds(2));
            assertThat(executor.received()).isEmpty();
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("DISPATCHED").asInt()).isZero();

            // then neither the creator nor the scheduler may approve it; a third person may
            Response byCreator = carol.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            Response byScheduler = dave.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            assertThat(byCreator.status()).as(byCreator.toString()).isEqualTo(403);
            assertThat(byCreator.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/four-eyes");
            assertThat(byScheduler.status()).as(byScheduler.toString()).isEqualTo(403);
            assertThat(byScheduler.header("Content-Type")).startsWith("application/problem+json");
            assertThat(byScheduler.json().get("detail").asText())
                    .contains("dave scheduled campaign " + id).contains("first production wave");
            assertThat(executor.received()).isEmpty();
            Response byAnother = bob.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            assertThat(byAnother.status()).as(byAnother.toString()).isEqualTo(200);
            assertThat(byAnother.json().get("waves").get(0).get("approvedBy").asText()).isEqualTo("bob");

            // and commands flow; a later production wave its creator may approve
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() >= 2);
            awaitApprovalOf(id, 2);
            Response later = carol.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 2}");
            assertThat(later.status()).as(later.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            assertThat(executor.received()).hasSize(8);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitApprovalOf(String id, int wave) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api().get("/api/v1/campaigns/" + id).json().get("waves").get(wave - 1)
                        .get("awaitingApproval").asBoolean()).isTrue());
    }
}
