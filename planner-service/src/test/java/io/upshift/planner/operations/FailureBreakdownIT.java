package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The failure breakdown ({@code GET /api/v1/campaigns/{id}/failures}) and the orgs table's search and
 * error-code filter. As in {@link DeadlineReportIT}, the campaign starts a day after it is scheduled and the
 * outcomes are written into {@code campaign_target} directly: both only read those rows.
 */
class FailureBreakdownIT extends PlannerIT {

    private static final String[] EVERY_DAY = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY"};

    @Test
    void countsOnlyFailuresByErrorCodeAndPodWithExamplesAndTheOrgsTableFindsThem() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> na = pkg.add(Org.production().instance("NA1")
                .window("UTC", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EVERY_DAY).times(6));
        List<String> eu = pkg.add(Org.production().instance("EU9")
                .window("UTC", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, EVERY_DAY).times(6));
        String id = scheduled(CampaignJson.forPackage(pkg.id).with("selection.instances", List.of("NA1", "EU9"))
                .with("schedule.earliestStart", Instant.now().plus(Duration.ofDays(1)).toString()));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from campaign_target"
                + " where campaign_id = ?::uuid and state = 'NOTIFIED'", Long.class, id) == 12);

        // no failure yet: empty groups, not an error
        JsonNode none = api().as("vera", "VIEWER").get("/api/v1/campaigns/" + id + "/failures").json();
        assertThat(none.get("failed").asLong()).isZero();
        assertThat(none.get("byErrorCode")).isEmpty();

        // four Apex test failures on EU9, one on NA1, a lock error on NA1, a time-out on EU9; a success and a
        // cancel with error codes that must not count as failures
        List<String> apex = new ArrayList<>(eu.subList(0, 4));
        apex.add(na.get(0));
        apex.forEach(org -> finish(jdbc, id, org, "FAILED", "PERMANENT", "ApexTestFailure", "AccountTrigger line 42"));
        finish(jdbc, id, na.get(1), "FAILED", "TRANSIENT", "UNABLE_TO_LOCK_ROW", "row locked");
        finish(jdbc, id, eu.get(4), "TIMED_OUT", null, null, null);
        finish(jdbc, id, na.get(2), "SUCCEEDED", null, null, null);
        finish(jdbc, id, na.get(3), "CANCELED", null, "DeadlinePassed", "too late");

        JsonNode breakdown = api().as("vera", "VIEWER").get("/api/v1/campaigns/" + id + "/failures?examples=2").json();

        assertThat(breakdown.get("failed").asLong()).isEqualTo(7);
        JsonNode first = breakdown.get("byErrorCode").get(0);
        assertThat(first.get("key").asText()).isEqualTo("ApexTestFailure");
        assertThat(first.get("count").asLong()).isEqualTo(5);
        assertThat(first.get("category").asText()).isEqualTo("PERMANENT");
        assertThat(first.get("examples")).hasSize(2);
        assertThat(first.get("examples").get(0).get("orgId").asText())
                .isEqualTo(apex.stream().sorted().findFirst().orElseThrow());
        assertThat(first.get("examples").get(0).get("errorMessage").asText()).isEqualTo("AccountTrigger line 42");
        List<String> codes = new ArrayList<>();
        breakdown.get("byErrorCode").forEach(g -> codes.add(g.get("key").asText() + "=" + g.get("count").asLong()));
        assertThat(codes).containsExactly("ApexTestFailure=5", "TIMED_OUT=1", "UNABLE_TO_LOCK_ROW=1");
        List<String> pods = new ArrayList<>();
        breakdown.get("byInstance").forEach(g -> pods.add(g.get("key").asText() + "=" + g.get("count").asLong()));
        assertThat(pods).containsExactly("EU9=5", "NA1=2");
        // a pod with failures of two categories names none
        assertThat(breakdown.get("byInstance").get(1).get("category").isNull()).isTrue();

        // bad input is a problem, an unknown campaign a 404
        assertThat(api().get("/api/v1/campaigns/" + id + "/failures?examples=0").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/campaigns/00000000-0000-0000-0000-000000000000/failures").status()).isEqualTo(404);

        // the orgs table: filter by error code, search by org id prefix and by name prefix (any case)
        JsonNode lock = api().get("/api/v1/campaigns/" + id + "/orgs?errorCode=UNABLE_TO_LOCK_ROW").json();
        assertThat(lock.get("items")).hasSize(1);
        assertThat(lock.get("items").get(0).get("orgId").asText()).isEqualTo(na.get(1));
        String org = eu.get(5);
        JsonNode byId = api().get("/api/v1/campaigns/" + id + "/orgs?search=" + org.substring(0, 15)).json();
        assertThat(byId.get("items")).extracting(i -> i.get("orgId").asText()).containsExactly(org);
        String name = jdbc.queryForObject("select org_name from campaign_target where campaign_id = ?::uuid and org_id = ?",
                String.class, id, org);
        JsonNode byName = api().get("/api/v1/campaigns/" + id + "/orgs?search="
                + java.net.URLEncoder.encode(name.toUpperCase(java.util.Locale.ROOT), java.nio.charset.StandardCharsets.UTF_8))
                .json();
        assertThat(byName.get("items")).extracting(i -> i.get("orgId").asText()).contains(org);
        // a LIKE wildcard in the search matches only itself
        assertThat(api().get("/api/v1/campaigns/" + id + "/orgs?search=%25").json().get("items")).isEmpty();
        assertThat(api().get("/api/v1/campaigns/" + id + "/orgs?search=_").json().get("items")).isEmpty();
    }

    private static void finish(JdbcTemplate jdbc, String campaignId, String orgId, String state, String category,
            String code, String message) {
        assertThat(jdbc.update("""
                update campaign_target set state = ?, error_category = ?, error_code = ?, error_message = ?,
                       finished_at = now(), updated_at = now()
                where campaign_id = ?::uuid and org_id = ?""", state, category, code, message, campaignId, orgId))
                .isEqualTo(1);
    }
}
