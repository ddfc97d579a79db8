package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nobody is pushed who should not be: an org excluded after scheduling is never released, and a
 * person can remove one org from a live campaign — a waiting one at once, a released one through
 * the executor, which cancels its command instead of running it.
 */
class OrgRemovalIT extends PlannerIT {

    @Test
    void anOrgExcludedAfterSchedulingIsNeverReleasedAndEndsCanceledWithTheReason() {
        // given six orgs scheduled for windows that open in a few seconds
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(6));
        String excluded = orgs.get(2);
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE")
                .with("schedule.earliestStart", Instant.now().plusSeconds(6).toString()));

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(50))) {
            // when an administrator excludes one of them from campaigns before its window opens
            Response exclusion = api().as("ada", "ADMIN").put("/api/v1/orgs/" + excluded + "/exclusion",
                    "{\"excluded\": true, \"note\": \"under a legal hold\"}", null);
            assertThat(exclusion.status()).as(exclusion.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));

            // then it was never released, and it ended CANCELED with the reason; the others were upgraded
            assertThat(executor.received()).extracting(r -> r.command().getOrgId().toString())
                    .hasSize(5).doesNotContain(excluded);
            JsonNode target = target(id, excluded);
            assertThat(target.get("state").asText()).isEqualTo("CANCELED");
            assertThat(target.get("errorCode").asText()).isEqualTo("Excluded");
            assertThat(target.get("errorMessage").asText()).contains("excluded from campaigns after scheduling")
                    .contains("under a legal hold");
            JsonNode status = api().get("/api/v1/campaigns/" + id).json();
            assertThat(status.get("counts").get("CANCELED").asInt()).isEqualTo(1);
            assertThat(status.get("counts").get("SUCCEEDED").asInt()).isEqualTo(5);
            assertThat(status.get("waves").get(0).get("counts").get("canceled").asInt()).isEqualTo(1);
            assertThat(status.get("waves").get(0).get("counts").get("pending").asInt()).isZero();
        }
    }

    @Test
    void removingAnOrgCancelsItAndTheExecutorCancelsTheCommandOfAReleasedOne() {
        // given a running campaign of six orgs, two in flight, whose executor has not answered yet
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(6));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlight", 2));
        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO);
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 2);
            UpgradeCommand released = executor.received().getFirst().command();
            String waiting = waitingOrg(id);

            // when an operator removes a waiting org and a released one, each with a reason
            Response removedWaiting = api().post("/api/v1/campaigns/" + id + "/orgs/" + waiting + "/remove",
                    "{\"reason\": \"the customer asked to wait for 4.3\"}");
            Response removedReleased = api().post("/api/v1/campaigns/" + id + "/orgs/" + released.getOrgId()
                    + "/remove", "{\"reason\": \"renewal talks\"}");

            // then the waiting org ends CANCELED with the reason at once
            assertThat(removedWaiting.status()).as(removedWaiting.toString()).isEqualTo(200);
            assertThat(removedReleased.status()).as(removedReleased.toString()).isEqualTo(200);
            JsonNode waitingTarget = target(id, waiting);
            assertThat(waitingTarget.get("state").asText()).isEqualTo("CANCELED");
            assertThat(waitingTarget.get("errorCode").asText()).isEqualTo("RemovedFromCampaign");
            assertThat(waitingTarget.get("errorMessage").asText()).isEqualTo("the customer asked to wait for 4.3");
            // and the executors are told to cancel the released org's command, keyed apart from the campaign's state
            List<CampaignEvent> removal = events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.ORG_REMOVED, 1, Duration.ofSeconds(30));
            assertThat(removal).hasSize(1);
            assertThat(removal.getFirst().getOrgId()).isEqualTo(released.getOrgId());
            assertThat(removal.getFirst().getReason()).isEqualTo("renewal talks");
            List<ConsumerRecord<String, CampaignEvent>> records = events.records(
                    e -> e.getType() == CampaignEventType.ORG_REMOVED && e.getCampaignId().toString().equals(id));
            assertThat(records.getFirst().key()).isEqualTo(id + "/" + released.getOrgId());
            // it stays in flight until the executor answers: it did not run the command
            assertThat(target(id, released.getOrgId()).get("state").asText()).isEqualTo("DISPATCHED");
            executor.send(released, OutcomeStatus.CANCELED);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(target(id, released.getOrgId()).get("state").asText()).isEqualTo("CANCELED"));
            JsonNode releasedTarget = target(id, released.getOrgId());
            assertThat(releasedTarget.get("errorCode").asText()).isEqualTo("RemovedFromCampaign");
            assertThat(releasedTarget.get("errorMessage").asText()).isEqualTo("renewal talks");
            // never put back in line: no second command for it
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() >= 3);
            Thread.sleep(1000);
            assertThat(executor.received()).extracting(r -> r.command().getOrgId().toString())
                    .doesNotHaveDuplicates().doesNotContain(waiting);
            JsonNode status = api().get("/api/v1/campaigns/" + id).json();
            assertThat(status.get("waves").get(0).get("counts").get("canceled").asInt()).isEqualTo(2);

            // a finished or removed org cannot be removed again; a viewer cannot remove at all
            assertThat(api().post("/api/v1/campaigns/" + id + "/orgs/" + waiting + "/remove",
                    "{\"reason\": \"again\"}").status()).isEqualTo(409);
            assertThat(api().post("/api/v1/campaigns/" + id + "/orgs/" + waiting + "/remove", "{}").status())
                    .isEqualTo(400);
            assertThat(api().as("vera", "VIEWER").post("/api/v1/campaigns/" + id + "/orgs/" + waiting + "/remove",
                    "{\"reason\": \"no\"}").status()).isEqualTo(403);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        // and every removal is in the campaign's audit trail, with who did it
        List<String> trail = new ArrayList<>();
        api().get("/api/v1/campaigns/" + id + "/audit").json().get("items").forEach(entry -> trail.add(
                entry.get("principal").asText() + " " + entry.get("method").asText() + " "
                        + entry.get("path").asText().replace(id, "{id}").replaceAll("/orgs/[^/]+/", "/orgs/{org}/")
                        + " " + entry.get("status").asInt()));
        assertThat(trail).containsSubsequence(
                "release-manager POST /api/v1/campaigns/{id}/orgs/{org}/remove 409",
                "release-manager POST /api/v1/campaigns/{id}/orgs/{org}/remove 200",
                "release-manager POST /api/v1/campaigns/{id}/orgs/{org}/remove 200");
    }

    private String waitingOrg(String id) {
        return api().get("/api/v1/campaigns/" + id + "/orgs?state=NOTIFIED").json().get("items").get(0)
                .get("orgId").asText();
    }
}
