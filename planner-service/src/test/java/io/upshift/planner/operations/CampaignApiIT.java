package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Creating and previewing campaigns through the REST API. Every way to get a definition wrong, and
 * what an edit with a stale version gets, is in the table of {@code io.upshift.planner.api.BadInputIT}.
 */
class CampaignApiIT extends PlannerIT {

    @Test
    void createsADraftAndPreviewsItsEligibilityWavesAndWindows() {
        // given 40 sandboxes, 400 production orgs, and orgs that are not eligible for a reason each
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.sandbox().times(40));
        pkg.add(Org.production().spreadOver(400, 5, 7));
        pkg.add(Org.production().status("INACTIVE").times(3));
        pkg.add(Org.production().installed("4.2.1").times(4));
        pkg.add(Org.production().installed("4.1.0").beta().times(2));
        pkg.add(Org.production().excluded().times(5));
        pkg.add(Org.production().uninstalled().times(6));
        // and a Berlin org that may only be upgraded on Sundays 01:00–05:00
        List<String> berlin = pkg.add(List.of(Org.production()
                .window("Europe/Berlin", LocalTime.of(1, 0), LocalTime.of(5, 0), "SUNDAY")));

        // when
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json());
        String id = created.json().get("id").asText();
        Response preview = api().get("/api/v1/campaigns/" + id + "/preview");

        // then
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/v1/campaigns/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.json().get("state").asText()).isEqualTo("DRAFT");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode plan = preview.json().get("plan");
        assertThat(preview.json().get("eligible").asLong()).isEqualTo(441);
        assertThat(plan.get("excluded").get("INACTIVE").asLong()).isEqualTo(3);
        assertThat(plan.get("excluded").get("ALREADY_ON_TARGET").asLong()).isEqualTo(4);
        assertThat(plan.get("excluded").get("BETA_INSTALLED").asLong()).isEqualTo(2);
        assertThat(plan.get("excluded").get("EXCLUDED").asLong()).isEqualTo(5);
        assertThat(plan.get("excluded").get("NOT_INSTALLED").asLong()).isEqualTo(6);
        List<Long> sizes = new ArrayList<>();
        plan.get("waves").forEach(w -> sizes.add(w.get("size").asLong()));
        assertThat(sizes).containsExactly(40L, 10L, 20L, 40L, 80L, 160L, 91L);
        assertThat(plan.get("waves").get(0).get("kind").asText()).isEqualTo("SANDBOX");
        assertThat(plan.get("waves").get(1).get("kind").asText()).isEqualTo("CANARY");
        Instant computedAt = Instant.parse(preview.json().get("computedAt").asText());
        assertThat(Instant.parse(plan.get("firstWindowStart").asText())).isAfterOrEqualTo(computedAt.plusSeconds(1));
        assertThat(plan.get("projectedEnd").isNull()).isFalse();

        // the Berlin org's window is a Sunday 01:00–05:00 in Berlin
        Response orgs = api().get("/api/v1/campaigns/" + id + "/preview/orgs?limit=1000");
        JsonNode berlinOrg = stream(orgs.json()).filter(o -> o.get("orgId").asText().equals(berlin.getFirst()))
                .findFirst().orElseThrow();
        var start = Instant.parse(berlinOrg.get("windowStart").asText()).atZone(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(start.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        // 01:00, or later when the campaign may start inside a Sunday window (a run on a Sunday night)
        assertThat(start.toLocalTime()).isBetween(LocalTime.of(1, 0), LocalTime.of(4, 30));
        assertThat(orgs.json().size()).isEqualTo(441);

        // and the exclusions can be listed by reason, page by page
        Response inactive = api().get("/api/v1/campaigns/" + id + "/preview/exclusions?reason=INACTIVE&limit=2");
        assertThat(inactive.json().get("items")).hasSize(2);
        Response rest = api().get("/api/v1/campaigns/" + id + "/preview/exclusions?reason=INACTIVE&limit=2&after="
                + inactive.json().get("next").asText());
        assertThat(rest.json().get("items")).hasSize(1);
        assertThat(rest.json().get("next").isNull()).isTrue();
    }

    @Test
    void aPreviewWritesNothing() {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(20));
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json()).json().get("id").asText();
        String before = snapshot();

        api().get("/api/v1/campaigns/" + id + "/preview");
        api().get("/api/v1/campaigns/" + id + "/preview/orgs");
        api().get("/api/v1/campaigns/" + id + "/preview/exclusions");

        assertThat(snapshot()).isEqualTo(before);
        assertThat(api().get("/api/v1/campaigns/" + id).json().get("version").asInt()).isZero();
    }

    /** Everything a failed request must leave alone: campaigns, their targets and the outbox. */
    private String snapshot() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return jdbc.queryForObject("""
                select (select count(*) from campaign) || '/' || (select coalesce(sum(version), 0) from campaign)
                       || '/' || (select count(*) from campaign_target) || '/' || (select count(*) from outbox)""",
                String.class);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
