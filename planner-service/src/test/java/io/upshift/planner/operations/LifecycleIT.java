package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** What people do to running campaigns, and what the planner does when time runs out. */
class LifecycleIT extends PlannerIT {

    @Test
    void pausesResumesAndCancelsWhileOrgsAreInFlight() {
        // given 60 orgs, two at a time, each upgrade taking a while
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(60));
        String id = scheduled(single(pkg).with("pacing.maxInFlight", 2));

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(400));
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES);
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() >= 4);

            // when paused
            Response paused = api().post("/api/v1/campaigns/" + id + "/pause", "{\"reason\": \"Investigating a ticket\"}");

            // then the orgs in flight finish and nothing new leaves
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
            assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
            await().atMost(Duration.ofSeconds(10)).until(() -> executor.sent().size() == executor.received().size());
            int atPause = executor.received().size();
            assertThat(quietly(executor, Duration.ofSeconds(2))).isEqualTo(atPause);
            assertThat(api().post("/api/v1/campaigns/" + id + "/pause").status()).isEqualTo(409);

            // when resumed, releases go on
            assertThat(api().post("/api/v1/campaigns/" + id + "/resume").json().get("state").asText()).isEqualTo("RUNNING");
            await().atMost(Duration.ofSeconds(20)).until(() -> executor.received().size() >= atPause + 4);

            // when canceled, what was not released is canceled and told so; what was released finishes
            Response canceled = api().post("/api/v1/campaigns/" + id + "/cancel", "{\"reason\": \"Release pulled\"}");
            assertThat(canceled.status()).isEqualTo(200);
            int released = executor.received().size();
            assertThat(quietly(executor, Duration.ofSeconds(2))).isEqualTo(released);
            JsonNode counts = canceled.json().get("counts");
            long waiting = counts.get("CANCELED").asLong();
            assertThat(waiting).isEqualTo(60 - released);
            assertThat(notices.await(n -> n.getCampaignId().toString().equals(id) && n.getKind() == NoticeKind.CANCELED,
                    (int) waiting, Duration.ofSeconds(20))).hasSize((int) waiting);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("counts").get("SUCCEEDED").asLong()).isEqualTo(released));
            assertThat(api().post("/api/v1/campaigns/" + id + "/resume").json().get("currentState").asText())
                    .isEqualTo("CANCELED");
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.CANCELED, 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id), 0, Duration.ZERO))
                    .extracting(CampaignEvent::getType)
                    .contains(CampaignEventType.PAUSED, CampaignEventType.RESUMED, CampaignEventType.CANCELED);
        }
    }

    @Test
    void retriesTheFailedOrgsOfAHaltedCanaryWithNewCommandsAndGoesOnWhenResumed() {
        // given every upgrade fails until the cause (say, a missing permission set in the orgs) is fixed
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(12));
        String id = scheduled(single(pkg).with("pacing.maxInFlight", 3).with("gate.failureThresholdPercent", 50)
                .with("gate.minimumFinished", 3).with("schedule.noticePeriod", "PT3S"));
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();

        try (TestExecutor executor = TestExecutor.answering(id,
                c -> fixed.get() ? OutcomeStatus.SUCCEEDED : OutcomeStatus.FAILED, Duration.ofMillis(50));
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("HALTED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> executor.sent().size() == executor.received().size());
            List<String> failed = executor.received().stream().map(r -> r.command().getOrgId()).toList();
            fixed.set(true);

            // when the failed orgs are retried and the campaign resumed
            Instant retriedAt = Instant.now();
            Response retried = api().post("/api/v1/campaigns/" + id + "/retry-failed", "{\"statuses\": [\"FAILED\"]}");
            Response resumed = api().post("/api/v1/campaigns/" + id + "/resume");

            // then every org ends SUCCEEDED; the retried ones got a second command with a new id
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().get("retried").asInt()).isEqualTo(failed.size());
            assertThat(resumed.json().get("state").asText()).isEqualTo("RUNNING");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            Map<String, List<UpgradeCommand>> byOrg = executor.received().stream().map(TestExecutor.Received::command)
                    .collect(Collectors.groupingBy(UpgradeCommand::getOrgId));
            assertThat(byOrg).hasSize(12);
            for (String org : failed) {
                assertThat(byOrg.get(org)).extracting(UpgradeCommand::getAttempt).containsExactly(1, 2);
                assertThat(byOrg.get(org).get(0).getCommandId()).isNotEqualTo(byOrg.get(org).get(1).getCommandId());
            }
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("SUCCEEDED").asInt()).isEqualTo(12);
            // each retried org was told its new window, which starts no sooner than the notice period allows
            List<SubscriberNotice> moved = notices.await(n -> n.getCampaignId().toString().equals(id)
                    && n.getKind() == NoticeKind.RESCHEDULED, failed.size(), Duration.ofSeconds(20));
            assertThat(moved).hasSize(failed.size()).allSatisfy(n ->
                    assertThat(n.getWindowStart()).isAfterOrEqualTo(retriedAt.plusSeconds(3)));
            for (String org : failed) {
                assertThat(byOrg.get(org).get(1).getNotBefore()).isAfterOrEqualTo(retriedAt.plusSeconds(3));
            }
            // a completed campaign with nothing to retry stays completed
            Response nothing = api().post("/api/v1/campaigns/" + id + "/retry-failed");
            assertThat(nothing.status()).as(nothing.toString()).isEqualTo(200);
            assertThat(nothing.json().get("retried").asInt()).isZero();
            assertThat(nothing.json().get("campaign").get("state").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void waitsForApprovalBeforeEachWaveAfterTheFirst() {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(3));
        pkg.add(Org.production().times(6));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("strategy.approvalRequired", true)
                .with("pacing.expectedUpgradeDuration", "PT1S"));

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.WAVE_AWAITING_APPROVAL, 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(quietly(executor, Duration.ofSeconds(1))).isEqualTo(3);
            JsonNode waiting = api().get("/api/v1/campaigns/" + id).json();
            assertThat(waiting.get("waves").get(1).get("awaitingApproval").asBoolean()).isTrue();

            // approved by someone other than the campaign's creator (four eyes); a client's own approvedBy is ignored
            Response wrongWave = api().as("bob", "APPROVER").post("/api/v1/campaigns/" + id + "/approve", "{\"wave\": 3}");
            Response approved = api().as("bob", "APPROVER").post("/api/v1/campaigns/" + id + "/approve",
                    "{\"wave\": 2, \"approvedBy\": \"mallory\"}");

            assertThat(wrongWave.status()).isEqualTo(409);
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("waves").get(1).get("approvedBy").asText())
                    .isEqualTo("bob");
            assertThat(api().as("bob", "APPROVER").post("/api/v1/campaigns/" + id + "/approve").status()).isEqualTo(409);
        }
    }

    @Test
    void timesOutOrgsWithoutAnOutcomeAndLetsALateOutcomeTellTheTruth() {
        // given orgs that never answer within the org timeout of two seconds
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(3));
        String id = scheduled(single(pkg).with("orgTimeout", "PT2S").with("gate.failureThresholdPercent", 100));

        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO)) {
            // the planner waits until their windows closed and a push started then could have ended
            // (dispatch/DESIGN.md); we pretend that time has passed
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 3);
            new JdbcTemplate(dataSource).update("update campaign_target set deadline_at = now() "
                    + "where campaign_id = ?::uuid and state = 'DISPATCHED'", id);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("counts").get("TIMED_OUT").asInt()).isEqualTo(3));
            UpgradeCommand late = executor.received().getFirst().command();

            // when one outcome arrives after all
            executor.send(late, OutcomeStatus.SUCCEEDED);

            // then that org is SUCCEEDED, the others stay TIMED_OUT, and the campaign completes
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode status = api().get("/api/v1/campaigns/" + id).json();
                assertThat(status.get("counts").get("SUCCEEDED").asInt()).isEqualTo(1);
                assertThat(status.get("counts").get("TIMED_OUT").asInt()).isEqualTo(2);
            });
            Response org = api().get("/api/v1/campaigns/" + id + "/orgs?state=SUCCEEDED");
            assertThat(org.json().get("items").get(0).get("orgId").asText()).isEqualTo(late.getOrgId());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            Response csv = api().get("/api/v1/campaigns/" + id + "/results.csv");
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.text().lines()).hasSize(4).first().asString().startsWith("org_id,");
            assertThat(csv.text()).contains("PlannerTimeout").contains(late.getOrgId() + ",");
        }
    }

    @Test
    void movesAnOrgOfARunningWaveWhoseWindowClosedBeforeDispatchToItsNextWindowAndSaysSo() {
        // given a running campaign, one org at a time, whose first org never answers
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(2));
        String id = scheduled(single(pkg).with("pacing.maxInFlight", 1).with("schedule.noticePeriod", "PT2S"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO);
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 1);
            String waiting = orgs.stream().filter(o -> !o.equals(executor.received().getFirst().command().getOrgId()))
                    .findFirst().orElseThrow();

            // when the waiting org's window has (we pretend) already closed
            Instant closed = Instant.now();
            jdbc.update("update campaign_target set window_start = now() - interval '2 hours', "
                    + "window_end = now() - interval '1 hour' where campaign_id = ?::uuid and org_id = ?", id, waiting);

            // then it gets its next window after the notice period, and one RESCHEDULED notice with it
            List<SubscriberNotice> moved = notices.await(n -> n.getCampaignId().toString().equals(id)
                    && n.getKind() == NoticeKind.RESCHEDULED, 1, Duration.ofSeconds(20));
            assertThat(moved).singleElement().satisfies(n -> {
                assertThat(n.getOrgId()).isEqualTo(waiting);
                assertThat(n.getWindowStart()).isAfterOrEqualTo(closed.plusSeconds(2));
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode target = api().get("/api/v1/campaigns/" + id + "/orgs?state=NOTIFIED").json().get("items").get(0);
                assertThat(target.get("orgId").asText()).isEqualTo(waiting);
                assertThat(target.get("reschedules").asInt()).isEqualTo(1);
            });
            assertThat(notices.drain(n -> n.getCampaignId().toString().equals(id)
                    && n.getKind() == NoticeKind.RESCHEDULED, Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void retriesTheFailedOrgsOfACompletedCampaignAndCompletesItAgain() {
        // given a campaign that completed with two failed orgs, under its gate's threshold
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(10));
        List<String> failing = orgs.subList(0, 2);
        String id = scheduled(single(pkg).with("gate.failureThresholdPercent", 50).with("gate.minimumFinished", 5));

        try (TestExecutor executor = TestExecutor.answering(id, c -> c.getAttempt() == 1
                && failing.contains(c.getOrgId()) ? OutcomeStatus.FAILED : OutcomeStatus.SUCCEEDED, Duration.ofMillis(20));
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("FAILED").asInt()).isEqualTo(2);

            // when a person retries the failed orgs
            Response retried = api().post("/api/v1/campaigns/" + id + "/retry-failed");

            // then the campaign runs again for them, they get a second command, and it completes again
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().get("retried").asInt()).isEqualTo(2);
            assertThat(retried.json().get("campaign").get("state").asText()).isEqualTo("RUNNING");
            assertThat(retried.json().get("campaign").get("finishedAt").isNull()).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode status = api().get("/api/v1/campaigns/" + id).json();
                assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
                assertThat(status.get("counts").get("SUCCEEDED").asInt()).isEqualTo(10);
            });
            Map<String, List<UpgradeCommand>> byOrg = executor.received().stream().map(TestExecutor.Received::command)
                    .collect(Collectors.groupingBy(UpgradeCommand::getOrgId));
            for (String org : orgs) {
                assertThat(byOrg.get(org)).extracting(UpgradeCommand::getAttempt)
                        .containsExactlyElementsOf(failing.contains(org) ? List.of(1, 2) : List.of(1));
            }
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.COMPLETED, 2, Duration.ofSeconds(20))).hasSize(2);
            List<CampaignEventType> types = events.await(e -> e.getCampaignId().toString().equals(id), 0, Duration.ZERO)
                    .stream().map(CampaignEvent::getType).toList();
            assertThat(types.subList(types.indexOf(CampaignEventType.COMPLETED), types.size()))
                    .containsSubsequence(CampaignEventType.COMPLETED, CampaignEventType.RESUMED,
                            CampaignEventType.COMPLETED);
        }
    }

    @Test
    void pausesAScheduledCampaignBeforeItStartsAndResumesIt() {
        // given a campaign scheduled to start in three seconds
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(4));
        String id = scheduled(single(pkg).with("schedule.noticePeriod", "PT3S"));

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20))) {
            // when it is paused before its start, and the start passes
            Response paused = api().post("/api/v1/campaigns/" + id + "/pause", "{\"reason\": \"Hold for the freeze\"}");
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
            assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
            Instant startsAt = Instant.parse(paused.json().get("startsAt").asText());
            quietly(executor, Duration.between(Instant.now(), startsAt).plusSeconds(2));

            // then it did not start and nothing was released
            JsonNode waiting = api().get("/api/v1/campaigns/" + id).json();
            assertThat(waiting.get("state").asText()).isEqualTo("PAUSED");
            assertThat(waiting.get("startedAt").isNull()).isTrue();
            assertThat(executor.received()).isEmpty();

            // when resumed, it is scheduled again, starts, and runs to the end
            Response resumed = api().post("/api/v1/campaigns/" + id + "/resume");
            assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
            assertThat(resumed.json().get("state").asText()).isIn("SCHEDULED", "RUNNING");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            assertThat(executor.received()).hasSize(4);
        }
    }

    private CampaignJson single(Inventory.Package pkg) {
        return CampaignJson.forPackage(pkg.id).with("strategy.canary", null).with("strategy.ramp.type", "SINGLE");
    }

    private static int quietly(TestExecutor executor, Duration quiet) {
        try {
            Thread.sleep(quiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return executor.received().size();
    }
}
