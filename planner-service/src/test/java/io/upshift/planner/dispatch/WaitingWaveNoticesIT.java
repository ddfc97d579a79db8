package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A wave that waits (for approval, or for a slow wave before it) sends its subscribers no stream of
 * notices: its orgs keep the window they were promised while it waits, and are moved — each once,
 * with one RESCHEDULED notice, to a window no sooner than the notice period — when it starts.
 */
class WaitingWaveNoticesIT extends PlannerIT {

    private static final Duration NOTICE_PERIOD = Duration.ofSeconds(4);

    @Test
    void aWaveWaitingForApprovalAcrossSeveralWindowsSendsNoNoticeAndMovesEachOrgOnceWhenItStarts() {
        // given sandboxes first, then four production orgs that wait for approval
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(2));
        List<String> production = pkg.add(Org.production().times(4));
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("strategy.approvalRequired", true)
                .with("schedule.noticePeriod", NOTICE_PERIOD.toString()).with("pacing.expectedUpgradeDuration", "PT1S")
                .json());
        String id = created.json().get("id").asText();
        assertThat(api().post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20));
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/campaigns/" + id).json().get("waves").get(1)
                            .get("awaitingApproval").asBoolean()).isTrue());
            assertThat(notices.await(n -> of(n, id) && n.getKind() == NoticeKind.SCHEDULED, 6, Duration.ofSeconds(20)))
                    .hasSize(6);

            // when the waiting wave's windows pass, again and again (we pretend: each time, the window closed an hour ago)
            for (int occurrence = 0; occurrence < 3; occurrence++) {
                jdbc.update("""
                        update campaign_target set window_start = now() - interval '2 hours',
                               window_end = now() - interval '1 hour'
                        where campaign_id = ?::uuid and wave_number = 2 and state in ('PLANNED', 'NOTIFIED')""", id);
                sleep(Duration.ofMillis(1500));
            }

            // then nobody was told anything new while the wave waited, and nothing of it was released
            assertThat(notices.drain(n -> of(n, id) && n.getKind() == NoticeKind.RESCHEDULED, Duration.ofSeconds(1)))
                    .isEmpty();
            assertThat(executor.received()).hasSize(2);

            // when a person approves the wave
            Instant approvedAt = Instant.now();
            Response approved = api().as("bob", "APPROVER").post("/api/v1/campaigns/" + id + "/approve");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);

            // then each of its orgs is moved once, with one notice, to a window after the notice period
            List<SubscriberNotice> moved = notices.await(n -> of(n, id) && n.getKind() == NoticeKind.RESCHEDULED, 4,
                    Duration.ofSeconds(20));
            moved = notices.drain(n -> of(n, id) && n.getKind() == NoticeKind.RESCHEDULED, Duration.ofSeconds(2));
            assertThat(moved).extracting(n -> n.getOrgId().toString()).containsExactlyInAnyOrderElementsOf(production);
            assertThat(moved).allSatisfy(n ->
                    assertThat(n.getWindowStart()).isAfterOrEqualTo(approvedAt.plus(NOTICE_PERIOD)));

            // and each is released inside the window it was last told
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
            Map<String, SubscriberNotice> told = moved.stream()
                    .collect(Collectors.toMap(n -> n.getOrgId().toString(), Function.identity()));
            assertThat(executor.received()).hasSize(6).filteredOn(r -> told.containsKey(r.command().getOrgId()))
                    .hasSize(4).allSatisfy(r -> assertThat(r.command().getIssuedAt())
                            .isAfterOrEqualTo(told.get(r.command().getOrgId()).getWindowStart()));
            assertThat(notices.drain(n -> of(n, id) && n.getKind() == NoticeKind.RESCHEDULED, Duration.ofSeconds(1)))
                    .hasSize(4);
        }
    }

    private static boolean of(SubscriberNotice notice, String campaignId) {
        return notice.getCampaignId().toString().equals(campaignId);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
