package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** No org is released whose subscriber blocks pushes (PushUpgradeCustomization), even when the block comes late. */
class BlockedBySubscriberIT extends PlannerIT {

    @Test
    void anOrgBlockedAfterSchedulingIsNeverReleasedAndEndsCanceledWithTheReason() {
        // given a scheduled campaign over two orgs that starts in a few seconds
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(2));
        String blocked = orgs.get(0);
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                .with("schedule.earliestStart", Instant.now().plusSeconds(8).toString()).json()).json()
                .get("id").asText();
        Response scheduled = api().postWithIfMatch("/api/v1/campaigns/" + id + "/schedule", null, "\"0\"");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);

        // when the subscriber of one of them blocks pushes (an import with push_blocked) before it starts
        Response imported = api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,installed_version,push_blocked\n" + blocked + ",4.1.3,true\n"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        // then the other org is released, the blocked one never: it ends CANCELED with the reason
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select state from campaign_target where campaign_id = ?::uuid and org_id = ?", String.class, id,
                orgs.get(1))).isEqualTo("DISPATCHED"));
        Map<String, Object> target = jdbc.queryForMap(
                "select state, error_code, error_message from campaign_target where campaign_id = ?::uuid and org_id = ?",
                id, blocked);
        assertThat(target.get("state")).isEqualTo("CANCELED");
        assertThat(target.get("error_code")).isEqualTo("BlockedBySubscriber");
        assertThat((String) target.get("error_message")).contains("PushUpgradeCustomization");
        assertThat(jdbc.queryForObject("select count(*) from campaign_command where campaign_id = ?::uuid and org_id = ?",
                Long.class, id, blocked)).isZero();
        assertThat(api().get("/api/v1/campaigns/" + id).json().get("counts").get("CANCELED").asLong()).isEqualTo(1);
    }

    @Test
    void aBlockedOrgIsExcludedWithItsOwnReason() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(2));
        Response imported = api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,installed_version,push_blocked\n" + orgs.get(0) + ",4.1.3,yes\n"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json()).json().get("id").asText();

        assertThat(api().get("/api/v1/campaigns/" + id + "/preview").json().get("plan").get("excluded")
                .get("BLOCKED_BY_SUBSCRIBER").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/campaigns/" + id + "/preview/exclusions?reason=BLOCKED_BY_SUBSCRIBER").json()
                .get("items")).singleElement().satisfies(item -> assertThat(item.get("orgId").asText())
                        .isEqualTo(orgs.get(0)));
    }
}
