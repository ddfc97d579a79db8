package io.upshift.planner.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Timeouts that keep the caps true: the planner waits for an org until its window closed and a
 * push started then could have ended; an org it gave up on keeps its in-flight slot until its
 * outcome is known, and that outcome, however late, is what the org shows.
 */
class LateOutcomeIT extends PlannerIT {

    @Test
    void aTimedOutOrgKeepsItsSlotUntilItsLateOutcomeArrivesAndThenShowsIt() throws InterruptedException {
        // given four orgs, at most two in flight, an org timeout of one second, an executor that does not answer
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().instance("NA9").times(4));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlight", 2)
                .with("pacing.maxInFlightPerInstance", 2).with("orgTimeout", "PT1S"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 2);
            UpgradeCommand late = executor.received().getFirst().command();

            // then the planner's deadline is not release + 1 s: the executor may start the push until the window closes
            Timestamp deadline = jdbc.queryForObject("select deadline_at from campaign_target where campaign_id = ? "
                    + "and org_id = ?", Timestamp.class, UUID.fromString(id), late.getOrgId());
            assertThat(deadline.toInstant()).isAfterOrEqualTo(late.getNotAfter());

            // when that deadline passes nonetheless (hours are not waited for here) and the planner times the org out
            jdbc.update("update campaign_target set deadline_at = now() where campaign_id = ? and org_id = ?",
                    UUID.fromString(id), late.getOrgId());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(target(id, late.getOrgId()).get("state").asText()).isEqualTo("TIMED_OUT"));

            // then its slot stays taken: its push may still be running, so no third command leaves
            Thread.sleep(2000);
            assertThat(executor.received()).hasSize(2);
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("TIMED_OUT").asInt()).isOne();

            // when its real outcome arrives after all
            executor.send(late, OutcomeStatus.SUCCEEDED);

            // then the org shows what happened, the counts follow, and the freed slot is used
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(target(id, late.getOrgId()).get("state").asText()).isEqualTo("SUCCEEDED"));
            JsonNode counts = api().get("/api/v1/campaigns/" + id).json().get("waves").get(0).get("counts");
            assertThat(counts.get("timedOut").asInt()).isZero();
            assertThat(counts.get("succeeded").asInt()).isOne();
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 3);
        }
    }
}
