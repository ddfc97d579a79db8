package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Scheduling: targets planned, one advance notice per org on Kafka, and the ways scheduling is refused. */
class ScheduleIT extends PlannerIT {

    @Test
    void schedulesAFewThousandOrgsAndSendsEachItsAdvanceNoticeOnce() {
        // given 600 sandboxes and 2,400 production orgs on ten pods, a campaign that starts tomorrow
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().spreadOver(600, 3, 1));
        pkg.add(Org.production().spreadOver(2400, 10, 2));
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                .with("schedule.earliestStart", tomorrow.toString()).json()).json().get("id").asText();

        try (KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES);
             KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS)) {
            // when
            Response scheduled = api().postWithIfMatch("/api/v1/campaigns/" + id + "/schedule", null, "\"0\"");

            // then
            assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
            assertThat(scheduled.json().get("state").asText()).isEqualTo("SCHEDULED");
            assertThat(scheduled.header("ETag")).isEqualTo("\"1\"");
            assertThat(scheduled.json().get("counts").get("PLANNED").asLong()
                    + scheduled.json().get("counts").get("NOTIFIED").asLong()).isEqualTo(3000);
            assertThat(scheduled.json().get("plan").get("eligible").asLong()).isEqualTo(3000);
            assertThat(scheduled.json().get("waves").get(0).get("counts").get("total").asInt()).isEqualTo(600);

            List<SubscriberNotice> received = notices.await(n -> n.getCampaignId().toString().equals(id), 3000,
                    Duration.ofSeconds(60));
            assertThat(received).hasSize(3000);
            assertThat(received).extracting(SubscriberNotice::getOrgId).doesNotHaveDuplicates();
            assertThat(received).allSatisfy(n -> {
                assertThat(n.getKind()).isEqualTo(NoticeKind.SCHEDULED);
                assertThat(n.getWindowStart()).isAfterOrEqualTo(tomorrow);
                assertThat(n.getRecipients()).singleElement().asString().endsWith(".example");
                assertThat(n.getTargetVersion()).isEqualTo("4.2.1");
                assertThat(n.getCurrentVersion()).isEqualTo("4.1.3");
            });
            // each notice carries the window stored for its org
            Map<String, Instant> planned = new JdbcTemplate(dataSource).query(
                    "select org_id, window_start from campaign_target where campaign_id = ?::uuid",
                    (rs, i) -> Map.entry(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant()), id)
                    .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(received).allSatisfy(n -> assertThat(n.getWindowStart()).isEqualTo(planned.get(n.getOrgId())));
            // once published, every org is NOTIFIED
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("counts").get("NOTIFIED").asLong()).isEqualTo(3000));
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id), 1, Duration.ofSeconds(30)))
                    .singleElement().satisfies(e -> assertThat(e.getType()).isEqualTo(CampaignEventType.SCHEDULED));
        }
    }

    @Test
    void refusesToScheduleWhenTheStartHasMovedInsideTheNoticePeriod() throws InterruptedException {
        // given a campaign created to start in 1.5 s with a 1 s notice period
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(10));
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                .with("schedule.earliestStart", Instant.now().plusMillis(1500).toString()).json()).json().get("id").asText();

        // when it is scheduled too late
        Thread.sleep(1_600);
        Response refused = api().post("/api/v1/campaigns/" + id + "/schedule");

        // then
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text()).contains("schedule.earliestStart");
        Response campaign = api().get("/api/v1/campaigns/" + id);
        assertThat(campaign.json().get("state").asText()).isEqualTo("DRAFT");
        assertThat(campaign.json().get("version").asInt()).isZero();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "select (select count(*) from campaign_target where campaign_id = ?::uuid) + "
                        + "(select count(*) from outbox where campaign_id = ?::uuid)", Long.class, id, id)).isZero();
    }

    @Test
    void schedulesOnceAndKeepsTheOrgsFromASecondCampaignOfThePackage() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(8));
        CampaignJson json = CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE")
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(2)).toString());
        String first = api().post("/api/v1/campaigns", json.json()).json().get("id").asText();
        String second = api().post("/api/v1/campaigns", json.json()).json().get("id").asText();

        Response scheduled = api().post("/api/v1/campaigns/" + first + "/schedule");
        Response again = api().post("/api/v1/campaigns/" + first + "/schedule");
        Response other = api().post("/api/v1/campaigns/" + second + "/schedule");

        assertThat(scheduled.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("currentState").asText()).isEqualTo("SCHEDULED");
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.text()).contains("IN_OTHER_CAMPAIGN");
        Set<String> history = new HashSet<>();
        api().get("/api/v1/orgs/" + orgs.getFirst() + "/campaigns").json()
                .forEach(h -> history.add(h.get("campaignId").asText()));
        assertThat(history).containsExactly(first);
        assertThat(UUID.fromString(first)).isNotNull();
    }
}
