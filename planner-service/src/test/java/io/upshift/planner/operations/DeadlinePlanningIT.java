package io.upshift.planner.operations;

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
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Planning for a deadline, through the API: selection by time-zone region and pod prefix, the preview's
 * deadline fit with the orgs that have no window before the deadline, the soak time shortened to fit,
 * and what scheduling stores of it.
 */
class DeadlinePlanningIT extends PlannerIT {

    private static final String[] ALL_DAYS = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
        "SUNDAY"};

    @Test
    void selectsByTimeZoneRegionAndPodPrefixAndTheRestIsNotSelected() {
        // given European orgs on EU pods, a European org on an NA pod, and American ones
        Inventory.Package pkg = inventory().newPackage();
        List<String> berlin = pkg.add(Org.production().instance("EU12").window("Europe/Berlin", LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, ALL_DAYS).times(2));
        List<String> paris = pkg.add(Org.production().instance("EU3").window("Europe/Paris", LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, ALL_DAYS).times(1));
        List<String> londonOnNa = pkg.add(Org.production().instance("NA2").window("Europe/London", LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, ALL_DAYS).times(1));
        List<String> newYork = pkg.add(Org.production().instance("EU4").window("America/New_York", LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, ALL_DAYS).times(1));
        // an org whose zone the inventory does not know is in no region
        List<String> unknownZone = pkg.add(Org.production().instance("EU5").window(null, LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT, ALL_DAYS).times(1));

        // when the campaign selects Europe/* on pods eu* (case does not matter for a prefix)
        String id = created(CampaignJson.forPackage(pkg.id).with("selection.timeZones", List.of("Europe/*"))
                .with("selection.instances", List.of("eu*")));

        // then only the European orgs on EU pods are planned, the others are NOT_SELECTED, and it adds up
        assertThat(planned(id)).containsExactlyInAnyOrder(berlin.get(0), berlin.get(1), paris.get(0));
        Set<String> notSelected = new HashSet<>(londonOnNa);
        notSelected.addAll(newYork);
        notSelected.addAll(unknownZone);
        assertThat(excluded(id, null)).isEqualTo(Map.of("NOT_SELECTED", notSelected));
        JsonNode preview = api().get("/api/v1/campaigns/" + id + "/preview").json();
        assertThat(preview.get("eligible").asLong() + preview.get("excludedTotal").asLong()).isEqualTo(6);

        // and an exact zone selects that zone only
        String exact = created(CampaignJson.forPackage(pkg.id)
                .with("selection.timeZones", List.of("America/New_York")));
        assertThat(planned(exact)).containsExactlyElementsOf(newYork);
    }

    @Test
    void thePreviewSaysTheCampaignDoesNotFitItsDeadlineAndSchedulingKeepsTheOrgsWithoutAWindowBeforeIt() {
        // given 20 always-open orgs, and 2 whose daily hour opens 5–6 hours after the start
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant deadline = start.plus(Duration.ofHours(2));
        int lateHour = start.plus(Duration.ofHours(6)).atZone(ZoneOffset.UTC).getHour();
        Inventory.Package pkg = inventory().newPackage();
        List<String> open = pkg.add(Org.production().times(20));
        List<String> late = pkg.add(Org.production().window("UTC", LocalTime.of(lateHour, 0),
                LocalTime.of((lateHour + 1) % 24, 0), ALL_DAYS).times(2));
        // one wave, 30-minute pushes, at most 3 in flight: 20 × 30 min ÷ 120 min needs 5
        CampaignJson campaign = CampaignJson.forPackage(pkg.id)
                .with("strategy", Map.of("sandboxesFirst", false, "ramp", Map.of("type", "SINGLE")))
                .with("pacing", Map.of("maxInFlight", 3, "expectedUpgradeDuration", "PT30M"))
                .with("schedule.earliestStart", start.toString())
                .with("schedule.deadline", deadline.toString());
        String id = created(campaign);

        // when
        JsonNode plan = api().get("/api/v1/campaigns/" + id + "/preview").json().get("plan");

        // then the fit figures: 200 minutes of pushing plus one push, 110 minutes late
        JsonNode fit = plan.get("deadline");
        assertThat(fit.get("fits").asBoolean()).as(fit.toString()).isFalse();
        assertThat(Instant.parse(fit.get("deadline").asText())).isEqualTo(deadline);
        assertThat(Instant.parse(fit.get("projectedFinish").asText()))
                .isEqualTo(start.plus(Duration.ofMinutes(230)));
        assertThat(Duration.parse(fit.get("slack").asText())).isEqualTo(Duration.ofMinutes(-110));
        assertThat(fit.get("orgsWithoutWindowBeforeDeadline").asLong()).isEqualTo(2);
        assertThat(fit.get("neededMaxInFlight").asLong()).isEqualTo(5);
        assertThat(fit.get("neededMaxCommandsPerMinute").asLong()).isEqualTo(1);
        assertThat(fit.get("maxInFlight").asInt()).isEqualTo(3);
        assertThat(fit.get("statement").asText())
                .startsWith("20 orgs in 2 h at a 30-minute push need ≥ 5 in flight; your cap is 3")
                .endsWith("the campaign does not fit");
        assertThat(plan.get("warnings").toString()).contains("does not fit its deadline");
        assertThat(plan.get("excluded").get("NO_WINDOW_BEFORE_DEADLINE").asLong()).isEqualTo(2);
        // every planned window ends by the deadline; the late orgs are listed with their reason
        assertThat(planned(id)).containsExactlyInAnyOrderElementsOf(open);
        for (JsonNode org : api().get("/api/v1/campaigns/" + id + "/preview/orgs?limit=1000").json()) {
            assertThat(Instant.parse(org.get("windowEnd").asText())).isBeforeOrEqualTo(deadline);
        }
        assertThat(excluded(id, "NO_WINDOW_BEFORE_DEADLINE"))
                .isEqualTo(Map.of("NO_WINDOW_BEFORE_DEADLINE", Set.copyOf(late)));

        // when it is scheduled anyway (the runtime watches the risk)
        Response scheduled = api().postWithIfMatch("/api/v1/campaigns/" + id + "/schedule", null, "\"0\"");

        // then the stored plan keeps the fit, the exclusions keep the reason, and no window ends after the deadline
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(scheduled.json().get("plan").get("deadline").get("fits").asBoolean()).isFalse();
        assertThat(excluded(id, "NO_WINDOW_BEFORE_DEADLINE"))
                .isEqualTo(Map.of("NO_WINDOW_BEFORE_DEADLINE", Set.copyOf(late)));
        Long after = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from campaign_target where campaign_id = ?::uuid and window_end > ?",
                Long.class, id, java.sql.Timestamp.from(deadline));
        assertThat(after).isZero();
    }

    @Test
    void shortensTheSoakTimeToFitTheDeadlineAndRunsTheWavesWithIt() {
        // given 30 always-open orgs, a canary of 10 then the rest, 10-minute pushes and a one-hour soak: the
        // projection ends two hours after the start, the deadline is 90 minutes after it
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant deadline = start.plus(Duration.ofMinutes(90));
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(30));
        String id = created(CampaignJson.forPackage(pkg.id)
                .with("strategy", Map.of("sandboxesFirst", false, "canary", Map.of("count", 10),
                        "ramp", Map.of("type", "SINGLE"), "minimumWaveDuration", "PT1H"))
                .with("pacing", Map.of("expectedUpgradeDuration", "PT10M"))
                .with("schedule.earliestStart", start.toString())
                .with("schedule.deadline", deadline.toString()));

        // when
        JsonNode plan = api().get("/api/v1/campaigns/" + id + "/preview").json().get("plan");

        // then two waves of a 45-minute soak end at the deadline, and the preview says so
        assertThat(plan.get("waves")).hasSize(2);
        assertThat(Instant.parse(plan.get("waves").get(1).get("projectedEnd").asText())).isEqualTo(deadline);
        assertThat(plan.get("deadline").get("fits").asBoolean()).as(plan.toString()).isTrue();
        assertThat(Duration.parse(plan.get("deadline").get("plannedSoak").asText())).isEqualTo(Duration.ofMinutes(45));
        assertThat(plan.get("warnings").toString())
                .contains("soak time shortened from 1 h to 45 min per wave to fit the deadline");

        // and once scheduled the waves run with the shortened soak (the definition stores it)
        Response scheduled = api().postWithIfMatch("/api/v1/campaigns/" + id + "/schedule", null, "\"0\"");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        JsonNode definition = api().get("/api/v1/campaigns/" + id).json().get("definition");
        assertThat(Duration.parse(definition.get("strategy").get("minimumWaveDuration").asText()))
                .isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void anOrgWhoseWindowClosedAndWhoseNextEndsAfterTheDeadlineIsCanceledDeadlinePassed() {
        // given sandboxes first, then three production orgs that wait for approval, and a deadline in two hours
        Instant deadline = Instant.now().plus(Duration.ofHours(2));
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(2));
        List<String> production = pkg.add(Org.production().times(3));
        String movable = production.get(0);
        String tooLate = production.get(1);
        String neverOpen = production.get(2);
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("strategy.approvalRequired", true)
                .with("schedule.noticePeriod", "PT2S").with("schedule.deadline", deadline.toString())
                .with("pacing.expectedUpgradeDuration", "PT1S").json());
        String id = created.json().get("id").asText();
        assertThat(api().post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("waves").get(1)
                            .get("awaitingApproval").asBoolean()).isTrue());
            // (each has had its advance notice: the relay built it from the target and marked it NOTIFIED)
            assertThat(jdbc.queryForObject("select count(*) from campaign_target where campaign_id = ?::uuid"
                    + " and wave_number = 2 and state = 'NOTIFIED' and notice_id is not null", Long.class, id)).isEqualTo(3L);
            // when the waiting wave's windows close, and meanwhile one org's window moves to hours after the
            // deadline and another's to never
            int lateHour = Instant.now().plus(Duration.ofHours(4)).atZone(ZoneOffset.UTC).getHour();
            jdbc.update("update subscriber_org set window_days = ?::text[], window_start = ?, window_end = ?"
                    + " where org_id = ?", "{" + String.join(",", ALL_DAYS) + "}", LocalTime.of(lateHour, 0),
                    LocalTime.of((lateHour + 1) % 24, 0), tooLate);
            jdbc.update("update subscriber_org set window_days = '{}' where org_id = ?", neverOpen);
            jdbc.update("""
                    update campaign_target set window_start = now() - interval '2 hours',
                           window_end = now() - interval '1 hour'
                    where campaign_id = ?::uuid and wave_number = 2""", id);
            Response approved = api().as("bob", "APPROVER").post("/api/v1/campaigns/" + id + "/approve");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

            // then the wave's start moves them: one to its next window, one canceled for the deadline, one for
            // having no window at all
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(errorCode(jdbc, id, tooLate)).isEqualTo("CANCELED DeadlinePassed");
                assertThat(errorCode(jdbc, id, neverOpen)).isEqualTo("CANCELED NoWindow");
                assertThat(errorCode(jdbc, id, movable)).isEqualTo("SUCCEEDED null");
            });
            // and each subscriber hears of it after the advance notice: a CANCELED (the movable org's is its
            // RESCHEDULED), the one outbox notice of each (the advance notice is built from the target)
            for (String org : List.of(tooLate, neverOpen, movable)) {
                assertThat(jdbc.queryForObject("select count(*) from outbox where campaign_id = ?::uuid and org_id = ?"
                        + " and kind = 'NOTICE'", Long.class, id, org)).as(org).isEqualTo(1L);
            }
        }
    }

    private static String errorCode(JdbcTemplate jdbc, String campaignId, String orgId) {
        return jdbc.queryForObject("select state || ' ' || coalesce(error_code, 'null') from campaign_target"
                + " where campaign_id = ?::uuid and org_id = ?", String.class, campaignId, orgId);
    }

    private String created(CampaignJson campaign) {
        Response created = api().post("/api/v1/campaigns", campaign.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private List<String> planned(String id) {
        List<String> orgs = new ArrayList<>();
        api().get("/api/v1/campaigns/" + id + "/preview/orgs?limit=1000").json()
                .forEach(org -> orgs.add(org.get("orgId").asText()));
        return orgs;
    }

    private Map<String, Set<String>> excluded(String id, String reason) {
        Map<String, Set<String>> excluded = new HashMap<>();
        api().get("/api/v1/campaigns/" + id + "/preview/exclusions?limit=1000"
                        + (reason == null ? "" : "&reason=" + reason)).json().get("items")
                .forEach(item -> excluded.computeIfAbsent(item.get("reason").asText(), r -> new HashSet<>())
                        .add(item.get("orgId").asText()));
        return excluded;
    }
}
