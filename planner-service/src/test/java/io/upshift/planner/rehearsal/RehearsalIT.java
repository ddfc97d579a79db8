package io.upshift.planner.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rehearsals on the real stack, sharing one history: a campaign of 4.2.1 that failed Apex tests in its
 * canary and halted (run for real, its outcomes through Kafka), then canceled; the draft rehearsed is the
 * next push of 4.2.1 to the same orgs. The twin fitted from that history is a bad-release twin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RehearsalIT extends PlannerIT {

    private Inventory.Package pkg;
    private String past;
    private String draft;

    private CampaignJson campaign(List<String> orgs) {
        return CampaignJson.forPackage(pkg.id).orgIds(orgs).with("strategy.sandboxesFirst", false)
                .with("pacing.maxInFlight", 5).with("gate.minimumFinished", 5);
    }

    @BeforeAll
    void aBadReleaseHaltedBefore() {
        pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().spreadOver(40, 2, 7));
        past = scheduled(campaign(orgs));
        try (TestExecutor executor = TestExecutor.answering(past, c -> OutcomeStatus.FAILED, Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + past).json().get("state").asText()).isEqualTo("HALTED"));
        }
        Response canceled = api().post("/api/v1/campaigns/" + past + "/cancel", "{\"reason\":\"bad release\"}");
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        Response created = api().post("/api/v1/campaigns", campaign(orgs).json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        draft = created.json().get("id").asText();
    }

    private JsonNode rehearse(String body) {
        Response started = api().post("/api/v1/campaigns/" + draft + "/rehearsals", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/v1/rehearsals/");
        JsonNode[] done = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode r = api().get(location).json();
            assertThat(r.get("state").asText()).as(r.toString()).isEqualTo("DONE");
            done[0] = r;
        });
        return done[0];
    }

    private Map<String, Long> rows() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return Map.of(
                "targets", jdbc.queryForObject("select count(*) from campaign_target", Long.class),
                "commands", jdbc.queryForObject("select count(*) from campaign_command", Long.class),
                "outbox", jdbc.queryForObject("select count(*) from outbox", Long.class),
                "waves", jdbc.queryForObject("select count(*) from campaign_wave", Long.class),
                "draftVersion", jdbc.queryForObject("select version from campaign where campaign_id = ?::uuid",
                        Long.class, draft));
    }

    @Test
    void aBadReleaseTwinPredictsTheHaltAndTheRehearsalWritesNothingElse() {
        Map<String, Long> before = rows();
        try (KafkaProbe<UpgradeCommand> commands = KafkaProbe.read(Topics.UPGRADE_COMMANDS);
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {

            JsonNode report = rehearse("{\"seeds\": 20, \"approvalDelay\": \"PT10M\"}").get("report");

            assertThat(report.get("seeds").asInt()).isEqualTo(20);
            assertThat(report.get("orgs").asInt()).isEqualTo(40);
            assertThat(report.get("halt").get("probability").asDouble()).isGreaterThanOrEqualTo(0.9);
            assertThat(report.get("halt").get("byWave").has("1")).as(report.toString()).isTrue();
            assertThat(report.get("failuresByType").has("ApexTestFailure")).as(report.toString()).isTrue();
            assertThat(report.get("twin").get("targetVersionRates").get("ApexTestFailure").asDouble()).isGreaterThan(0.5);
            assertThat(report.get("safety").get("held").asBoolean()).isTrue();
            assertThat(report.get("emails").get("HALTED_REPORT").asDouble()).isGreaterThanOrEqualTo(0.9);

            assertThat(rows()).isEqualTo(before);
            assertThat(api().get("/api/v1/campaigns/" + draft).json().get("state").asText()).isEqualTo("DRAFT");
            assertThat(commands.drain(c -> c.getCampaignId().toString().equals(draft), Duration.ofSeconds(1))).isEmpty();
            assertThat(notices.drain(n -> n.getCampaignId().toString().equals(draft), Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void theSameSeedsGiveTheSameReportAndTwoVariantsCompareSideBySide() {
        JsonNode first = rehearse("{\"seeds\": 10, \"firstSeed\": 5}");
        JsonNode again = rehearse("{\"seeds\": 10, \"firstSeed\": 5}");
        // the plan starts at now + the notice period: the instants move with the clock, nothing else does
        assertThat(relative(again.get("report"))).isEqualTo(relative(first.get("report")));
        assertThat(again.get("report").get("waves").get(0).get("endAfter"))
                .isEqualTo(first.get("report").get("waves").get(0).get("endAfter"));

        // what if the gate allowed 100 %: no halt, the whole fleet runs the bad version
        JsonNode lax = rehearse("{\"seeds\": 10, \"firstSeed\": 5, \"overrides\": {\"failureThresholdPercent\": 100}}");
        assertThat(lax.get("report").get("halt").get("probability").asDouble()).isZero();
        assertThat(lax.get("overrides").get("failureThresholdPercent").asInt()).isEqualTo(100);

        Response compared = api().get("/api/v1/rehearsals/compare?a=" + first.get("id").asText() + "&b="
                + lax.get("id").asText());
        assertThat(compared.status()).as(compared.toString()).isEqualTo(200);
        JsonNode halt = compared.json().get("figures").get("haltProbability");
        assertThat(halt.get(0).asDouble()).isGreaterThan(halt.get(1).asDouble());
        assertThat(api().get("/api/v1/campaigns/" + draft + "/rehearsals").json().size()).isGreaterThanOrEqualTo(3);
    }

    private static JsonNode relative(JsonNode report) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) report.deepCopy();
        copy.remove(List.of("start", "projectedEnd"));
        for (JsonNode wave : copy.get("waves")) {
            ((tools.jackson.databind.node.ObjectNode) wave).remove(List.of("medianStart", "medianEnd"));
        }
        return copy;
    }

    @Test
    void refusesBadInputWithProblemDetails() {
        Response zeroSeeds = api().post("/api/v1/campaigns/" + draft + "/rehearsals", "{\"seeds\": 0}");
        assertThat(zeroSeeds.status()).isEqualTo(400);
        assertThat(zeroSeeds.header("Content-Type")).startsWith("application/problem+json");
        assertThat(zeroSeeds.text()).contains("seeds");

        Response badGate = api().post("/api/v1/campaigns/" + draft + "/rehearsals",
                "{\"overrides\": {\"failureThresholdPercent\": 150}}");
        assertThat(badGate.status()).as(badGate.toString()).isEqualTo(400);

        Response notADraft = api().post("/api/v1/campaigns/" + past + "/rehearsals", "{}");
        assertThat(notADraft.status()).as(notADraft.toString()).isEqualTo(409);

        assertThat(api().get("/api/v1/rehearsals/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        Response viewer = api().as("viewer", "VIEWER").post("/api/v1/campaigns/" + draft + "/rehearsals", "{}");
        assertThat(viewer.status()).isEqualTo(403);
    }
}
