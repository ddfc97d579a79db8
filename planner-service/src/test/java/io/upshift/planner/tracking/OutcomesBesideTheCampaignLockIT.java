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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * #21: outcomes apply without the campaign row lock — and what that lock protected still holds. A
 * batch is applied while someone else (a long release round, a person's change) holds the campaign
 * row; a redelivered outcome is applied once; the counters the view shows equal the targets; and
 * the gate the failures trip halts the campaign before another command leaves.
 */
class OutcomesBesideTheCampaignLockIT extends PlannerIT {

    @Test
    void outcomesApplyWhileTheCampaignRowIsHeldOnceEachAndTheGateStillStopsReleases() throws Exception {
        // given six orgs, two in flight at most, a gate that halts when more than half of two finished orgs fail
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().instance("NA9").times(6));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlight", 2)
                .with("gate.minimumFinished", 2).with("gate.failureThresholdPercent", 50));
        UUID campaignId = UUID.fromString(id);
        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 2);
            UpgradeCommand first = executor.received().get(0).command();
            UpgradeCommand second = executor.received().get(1).command();

            try (Connection holder = dataSource.getConnection()) {
                // when the campaign row is held, as a long release round or a person's change holds it
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement(
                        "select 1 from campaign where campaign_id = ? for update")) {
                    lock.setObject(1, campaignId);
                    lock.executeQuery().close();
                }
                // and both orgs fail, the first outcome delivered twice
                executor.send(first, OutcomeStatus.FAILED);
                executor.send(second, OutcomeStatus.FAILED);
                executor.send(first, OutcomeStatus.FAILED);

                // then the outcomes are applied without waiting for the row (with the old lock they waited here)
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(target(id, first.getOrgId()).get("state").asText()).isEqualTo("FAILED");
                    assertThat(target(id, second.getOrgId()).get("state").asText()).isEqualTo("FAILED");
                });
                // once each: the wave's counters equal its targets, read while the row is still held
                JsonNode wave = api().get("/api/v1/campaigns/" + id).json().get("waves").get(0).get("counts");
                assertThat(wave.get("failed").asInt()).isEqualTo(2);
                assertThat(wave.get("dispatched").asInt()).isZero();
                assertThat(countsEqualTargets(id)).isTrue();
                // and nothing was released into the freed slots: releasing needs the row
                assertThat(executor.received()).hasSize(2);
                holder.rollback();
            }

            // then, the row free, the gate halts the campaign and no third command ever leaves
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText().equals("HALTED"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> executor.received().size() == 2);
            assertThat(countsEqualTargets(id)).isTrue();
        }
    }

    /** The view's counts by state (from the wave counters) against a GROUP BY over the targets. */
    private boolean countsEqualTargets(String id) {
        JsonNode counts = api().get("/api/v1/campaigns/" + id).json().get("counts");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        boolean[] equal = {true};
        jdbc.query("select state, count(*) as n from campaign_target where campaign_id = ? group by state",
                rs -> {
                    if (counts.get(rs.getString("state")).asLong() != rs.getLong("n")) {
                        equal[0] = false;
                    }
                }, UUID.fromString(id));
        long total = 0;
        for (String state : counts.propertyNames()) {
            total += counts.get(state).asLong();
        }
        Long targets = jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ?", Long.class,
                UUID.fromString(id));
        return equal[0] && targets != null && total == targets;
    }
}
