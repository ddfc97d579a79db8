package io.upshift.planner.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Creating, editing and previewing campaigns through the REST API, and every way to get it wrong. */
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
        assertThat(start.toLocalTime()).isEqualTo(LocalTime.of(1, 0));
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

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                Arguments.of("unknown package", (Bad) (pkg, json) -> json.with("packageId", Inventory.id("033")), 404, "not-found"),
                Arguments.of("unknown version", (Bad) (pkg, json) -> json.with("targetVersion", "9.9.9"), 404, "not-found"),
                Arguments.of("beta target", (Bad) (pkg, json) -> json.with("targetVersion", "4.3.0"), 422, "beta"),
                Arguments.of("deprecated target", (Bad) (pkg, json) -> json.with("targetVersion", "3.9.0"), 422, "deprecated"),
                Arguments.of("downgrade", (Bad) (pkg, json) -> json.with("targetVersion", "4.1.0")
                        .with("selection.installedVersion.min", "4.1.3"), 422, "downgrade"),
                Arguments.of("every org above the target", (Bad) (pkg, json) -> json.with("targetVersion", "4.0.0"), 422,
                        "ALREADY_ON_TARGET"),
                Arguments.of("empty selection", (Bad) (pkg, json) -> json.with("selection.instances", List.of("NOWHERE")), 422,
                        "no org"),
                Arguments.of("start in the past", (Bad) (pkg, json) -> json.with("schedule.earliestStart",
                        Instant.now().minus(Duration.ofDays(1)).toString()), 422, "earliestStart"),
                Arguments.of("threshold above 100", (Bad) (pkg, json) -> json.with("gate.failureThresholdPercent", 150), 400,
                        "gate.failureThresholdPercent"),
                Arguments.of("threshold below 0", (Bad) (pkg, json) -> json.with("gate.failureThresholdPercent", -1), 400,
                        "gate.failureThresholdPercent"),
                Arguments.of("zero rate cap", (Bad) (pkg, json) -> json.with("pacing.maxCommandsPerMinute", 0), 400,
                        "pacing.maxCommandsPerMinute"),
                Arguments.of("negative in-flight cap", (Bad) (pkg, json) -> json.with("pacing.maxInFlight", -5), 400,
                        "pacing.maxInFlight"),
                Arguments.of("unknown org type", (Bad) (pkg, json) -> json.with("selection.orgTypes", List.of("MAINFRAME")), 400,
                        "MAINFRAME"),
                Arguments.of("unknown field", (Bad) (pkg, json) -> json.with("colour", "blue"), 400, "colour"),
                Arguments.of("wrong type", (Bad) (pkg, json) -> json.with("gate.minimumFinished", "many"), 400, "minimumFinished"),
                Arguments.of("bad org id", (Bad) (pkg, json) -> json.with("selection.orgIds", List.of("00Dnotanid")), 400,
                        "selection.orgIds"),
                Arguments.of("canary both ways", (Bad) (pkg, json) -> json.with("strategy.canary.percent", 5), 422,
                        "strategy.canary"),
                Arguments.of("doubling without canary", (Bad) (pkg, json) -> json.with("strategy.canary", null), 422,
                        "doubling"),
                Arguments.of("missing name", (Bad) (pkg, json) -> json.with("name", null), 400, "name"),
                Arguments.of("negative notice", (Bad) (pkg, json) -> json.with("schedule.noticePeriod", "-PT1H"), 400,
                        "schedule.noticePeriod"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badDefinitions")
    void answersABadDefinitionWithProblemDetailsAndStoresNothing(String name, Bad bad, int status, String mentions) {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(5));
        String before = snapshot();

        Response response = api().post("/api/v1/campaigns", bad.apply(pkg, CampaignJson.forPackage(pkg.id)).json());

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.text()).contains(mentions);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void answersMalformedJsonWithProblemDetails() {
        Response response = api().post("/api/v1/campaigns", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("title").asText()).isEqualTo("Malformed request body");
    }

    @Test
    void editsADraftOnlyWithTheVersionItWasReadAt() {
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(5));
        CampaignJson json = CampaignJson.forPackage(pkg.id);
        String id = api().post("/api/v1/campaigns", json.json()).json().get("id").asText();

        Response first = api().put("/api/v1/campaigns/" + id, json.with("name", "Renamed").json(), "\"0\"");
        Response stale = api().put("/api/v1/campaigns/" + id, json.with("name", "Lost update").json(), "\"0\"");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("currentState").asText()).isEqualTo("DRAFT");
        assertThat(api().get("/api/v1/campaigns/" + id).json().get("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void answersUnknownCampaignsWith404() {
        Response response = api().get("/api/v1/campaigns/" + java.util.UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).endsWith("/not-found");
    }

    @Test
    void answersABadOrgIdInAnOrgsHistoryWith400() {
        assertThat(api().get("/api/v1/orgs/00Dxyz/campaigns").status()).isEqualTo(400);
        assertThat(api().get("/api/v1/orgs/" + Inventory.orgId() + "/campaigns").status()).isEqualTo(404);
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

    @FunctionalInterface
    interface Bad {
        CampaignJson apply(Inventory.Package pkg, CampaignJson json);
    }
}
