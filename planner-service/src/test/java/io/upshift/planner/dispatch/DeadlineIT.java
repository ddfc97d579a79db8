package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.planner.support.Api;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import io.upshift.schemas.Topics;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A campaign's deadline on the real stack, with the system clock and deadlines seconds away: nothing
 * is released at or after it, what still waits ends CANCELED (DeadlinePassed) and is told so, the
 * planner says early when a low cap cannot make it, and an urgent campaign's first wave waits for a
 * second person.
 */
class DeadlineIT extends PlannerIT {

    @Test
    void releasesNothingAfterTheDeadlineCancelsWhatStillWaitsAndSaidEarlyThatItWouldNotMakeIt() {
        // given 30 orgs, two at a time, a second a push, and a deadline 8 seconds away: about 14 can make it;
        // their windows end hours after the deadline (planning would have cut them: the dispatcher must not rely on it)
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(30));
        Instant deadline = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.MILLIS);
        String id;
        try (KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS);
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            id = scheduledWithDeadline(single(pkg).with("pacing.maxInFlight", 2)
                    .with("pacing.expectedUpgradeDuration", "PT1S").with("gate.failureThresholdPercent", 100), deadline,
                    false);
            String campaign = id;
            try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofSeconds(1))) {
                // then while it runs the planner projects 15 rounds of a second against 7 left: AT_RISK, once
                List<CampaignEvent> atRisk = events.await(e -> e.getCampaignId().toString().equals(campaign)
                        && e.getType() == CampaignEventType.AT_RISK, 1, Duration.ofSeconds(20));
                assertThat(atRisk).singleElement().satisfies(e -> {
                    assertThat(e.getDeadline()).isEqualTo(deadline);
                    assertThat(e.getProjectedFinish()).isAfter(deadline);
                    assertThat(e.getOrgsAtRisk()).isPositive();
                    assertThat(e.getReason()).contains("after the deadline");
                });
                JsonNode running = api().get("/api/v1/campaigns/" + id).json();
                assertThat(Instant.parse(running.get("deadline").asText())).isEqualTo(deadline);
                if (running.get("state").asText().equals("RUNNING")) {
                    assertThat(running.get("atRisk").asBoolean()).as(running.toString()).isTrue();
                    assertThat(running.get("orgsAtRisk").asInt()).isPositive();
                    assertThat(Instant.parse(running.get("projectedFinish").asText())).isAfter(deadline);
                }

                // when the deadline passes
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        api().get("/api/v1/campaigns/" + campaign).json().get("state").asText()).isEqualTo("COMPLETED"));
                sleep(Duration.ofSeconds(2));

                // then no command left at or after it, and none may start after it
                List<TestExecutor.Received> received = executor.received();
                assertThat(received).isNotEmpty().hasSizeLessThan(30);
                assertThat(received).allSatisfy(r -> {
                    assertThat(r.command().getIssuedAt()).isBefore(deadline);
                    assertThat(r.command().getNotAfter()).isBeforeOrEqualTo(deadline);
                });
                // every org that still waited ended CANCELED with DeadlinePassed, naming the deadline, and was told so
                Set<String> released = received.stream().map(r -> r.command().getOrgId()).collect(Collectors.toSet());
                int waiting = 30 - released.size();
                JsonNode done = api().get("/api/v1/campaigns/" + id).json();
                assertThat(done.get("counts").get("CANCELED").asInt()).isEqualTo(waiting);
                assertThat(done.get("counts").get("SUCCEEDED").asInt()).isEqualTo(released.size());
                assertThat(done.get("canceledAtDeadline").asInt()).isEqualTo(waiting);
                assertThat(done.get("atRisk").asBoolean()).isFalse();
                for (String org : orgs) {
                    JsonNode target = target(id, org);
                    if (!released.contains(org)) {
                        assertThat(target.get("state").asText()).isEqualTo("CANCELED");
                        assertThat(target.get("errorCode").asText()).isEqualTo("DeadlinePassed");
                        assertThat(target.get("errorMessage").asText()).contains(deadline.toString());
                    }
                }
                List<SubscriberNotice> canceled = notices.await(n -> n.getCampaignId().toString().equals(campaign)
                        && n.getKind() == NoticeKind.CANCELED, waiting, Duration.ofSeconds(20));
                assertThat(canceled).hasSize(waiting).allSatisfy(n -> {
                    assertThat(released).doesNotContain(n.getOrgId());
                    assertThat(n.getDeadline()).isEqualTo(deadline);
                });
                // the completion says how many were not upgraded by the deadline
                List<CampaignEvent> completed = events.await(e -> e.getCampaignId().toString().equals(campaign)
                        && e.getType() == CampaignEventType.COMPLETED, 1, Duration.ofSeconds(20));
                assertThat(completed).singleElement().satisfies(e -> {
                    assertThat(e.getDeadline()).isEqualTo(deadline);
                    assertThat(e.getOrgsAtRisk()).isGreaterThanOrEqualTo(waiting);
                });
                assertThat(events.await(e -> e.getCampaignId().toString().equals(campaign)
                        && e.getType() != CampaignEventType.SCHEDULED, 0, Duration.ZERO))
                        .isNotEmpty().allSatisfy(e -> assertThat(e.getDeadline()).isEqualTo(deadline));

                // the gauges show the finished campaign at risk of nothing any more
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(prometheus().lines()
                        .filter(l -> l.startsWith("upshift_planner_campaign_deadline_at_risk{") && l.contains(campaign)))
                        .singleElement().asString().endsWith(" 0.0"));

                // and a retry after the deadline is refused, saying why
                Response retry = api().post("/api/v1/campaigns/" + id + "/retry-failed");
                assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
                assertThat(retry.header("Content-Type")).startsWith("application/problem+json");
                assertThat(retry.json().get("detail").asText()).contains("deadline").contains("has passed");
            }
        }
    }

    @Test
    void aCampaignPausedBeforeItsStartWhoseDeadlinePassesCancelsEveryOrgAndCompletes() {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(4));
        Instant deadline = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        String id = scheduledWithDeadline(single(pkg).with("schedule.noticePeriod", "PT3S"), deadline, true);

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20));
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            Response paused = api().post("/api/v1/campaigns/" + id + "/pause", "{\"reason\": \"Hold\"}");
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));

            JsonNode done = api().get("/api/v1/campaigns/" + id).json();
            assertThat(done.get("counts").get("CANCELED").asInt()).isEqualTo(4);
            assertThat(done.get("canceledAtDeadline").asInt()).isEqualTo(4);
            assertThat(done.get("startedAt").isNull()).isTrue();
            assertThat(notices.await(n -> n.getCampaignId().toString().equals(id) && n.getKind() == NoticeKind.CANCELED,
                    4, Duration.ofSeconds(20))).hasSize(4);
            assertThat(executor.received()).isEmpty();
        }
    }

    @Test
    void aHaltedCampaignStaysHaltedPastItsDeadlineWithItsWaitingOrgsCanceledAndCompletesWhenResumed() {
        // given every upgrade fails, so the gate halts the campaign well before its deadline
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(12));
        Instant deadline = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.MILLIS);
        String id = scheduledWithDeadline(single(pkg).with("pacing.maxInFlight", 3)
                .with("gate.failureThresholdPercent", 50).with("gate.minimumFinished", 3), deadline, true);

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.FAILED, Duration.ofMillis(50));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("HALTED"));
            // a halted campaign cannot finish: at risk (said once, already while it ran at 10 minutes a push),
            // with no projected finish
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode view = api().get("/api/v1/campaigns/" + id).json();
                assertThat(view.get("atRisk").asBoolean()).as(view.toString()).isTrue();
                assertThat(view.get("projectedFinish").isNull()).isTrue();
                assertThat(view.get("orgsAtRisk").asInt()).isEqualTo(view.get("counts").get("PLANNED").asInt()
                        + view.get("counts").get("NOTIFIED").asInt() + view.get("counts").get("DISPATCHED").asInt());
            });
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.AT_RISK, 1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.HALTED, 1, Duration.ofSeconds(10)))
                    .singleElement().satisfies(e -> assertThat(e.getOrgsAtRisk()).isEqualTo(12));

            // when the deadline passes, its waiting orgs end DeadlinePassed but it stays halted for a person
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("canceledAtDeadline").asInt()).isPositive());
            sleep(Duration.ofSeconds(2));
            JsonNode halted = api().get("/api/v1/campaigns/" + id).json();
            int released = executor.received().size();
            assertThat(halted.get("state").asText()).isEqualTo("HALTED");
            assertThat(halted.get("counts").get("CANCELED").asInt()).isEqualTo(12 - released);
            assertThat(halted.get("canceledAtDeadline").asInt()).isEqualTo(12 - released);

            // then resumed, it has nothing left to release and completes
            Response resumed = api().post("/api/v1/campaigns/" + id + "/resume");
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            sleep(Duration.ofSeconds(1));
            assertThat(executor.received()).hasSize(released);
        }
    }

    @Test
    void anUrgentCampaignsFirstWaveOfSandboxesWaitsForSomeoneWhoNeitherCreatedNorScheduledIt() {
        // given carol creates and dave schedules an urgent campaign that asks for no approval, sandboxes first
        Api carol = api().as("carol", "OPERATOR", "APPROVER");
        Api dave = api().as("dave", "OPERATOR", "APPROVER");
        Api bob = api().as("bob", "APPROVER");
        Inventory.Package pkg = inventory().newPackage();
        String flaky = pkg.add(Org.sandbox().times(2)).getFirst();
        pkg.add(Org.production().times(4));
        CampaignJson json = CampaignJson.forPackage(pkg.id).with("strategy.sandboxesFirst", true)
                .with("strategy.canary", Map.of("count", 2)).with("strategy.ramp.type", "SINGLE")
                .with("strategy.approvalRequired", false).with("pacing.expectedUpgradeDuration", "PT1S")
                .with("gate.failureThresholdPercent", 100)
                .with("schedule.urgency", Map.of("reason", "Revenue rollup miscalculates totals"));
        Response created = carol.post("/api/v1/campaigns", json.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("urgency").get("reason").asText()).isEqualTo("Revenue rollup miscalculates totals");
        Response scheduled = dave.post("/api/v1/campaigns/" + id + "/schedule");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().get("waves").get(0).get("kind").asText()).isEqualTo("SANDBOX");

        // one sandbox fails its first attempt, to be retried
        try (TestExecutor executor = TestExecutor.answering(id, c -> c.getOrgId().equals(flaky) && c.getAttempt() == 1
                ? OutcomeStatus.FAILED : OutcomeStatus.SUCCEEDED, Duration.ofMillis(20));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            // when it starts, its first wave — sandboxes only — waits, and nothing is released
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.WAVE_AWAITING_APPROVAL, 1, Duration.ofSeconds(30)))
                    .singleElement().satisfies(e -> assertThat(e.getWaveNumber()).isEqualTo(1));
            sleep(Duration.ofSeconds(2));
            assertThat(executor.received()).isEmpty();

            // then neither its creator nor its scheduler may approve it
            Response byCreator = carol.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            Response byScheduler = dave.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            assertThat(byCreator.status()).as(byCreator.toString()).isEqualTo(403);
            assertThat(byCreator.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/four-eyes");
            assertThat(byCreator.json().get("detail").asText()).contains("first wave of an urgent campaign");
            assertThat(byScheduler.status()).as(byScheduler.toString()).isEqualTo(403);

            // a pause does not open a way around it: approved while paused, nothing leaves until resumed
            assertThat(api().post("/api/v1/campaigns/" + id + "/pause", "{\"reason\": \"Hold\"}").status()).isEqualTo(200);
            Response byAnother = bob.post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 1}");
            assertThat(byAnother.status()).as(byAnother.toString()).isEqualTo(200);
            sleep(Duration.ofSeconds(2));
            assertThat(executor.received()).isEmpty();
            assertThat(api().post("/api/v1/campaigns/" + id + "/resume").status()).isEqualTo(200);

            // and then it runs to the end without asking again (the campaign asked for no approval)
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            assertThat(executor.received()).hasSize(6);
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("FAILED").asInt()).isEqualTo(1);
            JsonNode done = api().get("/api/v1/campaigns/" + id).json();
            assertThat(done.get("waves").get(0).get("approvedBy").asText()).isEqualTo("bob");
            assertThat(done.get("waves").get(1).get("approvedBy").isNull()).isTrue();

            // a retry of the approved first wave runs it again without asking a second time
            Response retried = api().post("/api/v1/campaigns/" + id + "/retry-failed");
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().get("retried").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode again = api().get("/api/v1/campaigns/" + id).json();
                assertThat(again.get("state").asText()).isEqualTo("COMPLETED");
                assertThat(again.get("counts").get("SUCCEEDED").asInt()).isEqualTo(6);
            });
            assertThat(executor.received()).hasSize(7);
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.WAVE_AWAITING_APPROVAL, 0, Duration.ZERO)).hasSize(1);
        }
    }

    /**
     * Schedules with a deadline hours away — planning gives no org a window that the deadline cuts
     * shorter than the minimum usable window (30 minutes) — then brings the deadline to {@code deadline}, as if
     * those hours had passed: the stored definition says it, and (with {@code clip}, as planning would have
     * done) every planned window ends by it; without, windows end after it, which the dispatcher must not trust.
     */
    private String scheduledWithDeadline(CampaignJson json, Instant deadline, boolean clip) {
        String id = scheduled(json.with("schedule.deadline", Instant.now().plus(Duration.ofHours(3)).toString()));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("update campaign set spec = jsonb_set(spec, '{schedule,deadline}', to_jsonb(?::text)) "
                + "where campaign_id = ?::uuid", deadline.toString(), id);
        if (!clip) {
            return id;
        }
        Timestamp end = Timestamp.from(deadline);
        jdbc.update("update campaign_target set window_end = least(window_end, ?), release_by = least(release_by, ?) "
                + "where campaign_id = ?::uuid", end, end, id);
        return id;
    }

    private static CampaignJson single(Inventory.Package pkg) {
        return CampaignJson.forPackage(pkg.id).with("strategy.canary", null).with("strategy.ramp.type", "SINGLE");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
