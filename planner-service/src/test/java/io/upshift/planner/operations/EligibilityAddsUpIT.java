package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every org of the package is either eligible or listed with its reason, before and after scheduling
 * (ARCHITECTURE.md): eligible + Σ excluded = the package's orgs (+ unknown listed orgs), and each
 * reason's list holds exactly its orgs.
 */
class EligibilityAddsUpIT extends PlannerIT {

    @Test
    void everyOrgOfThePackageIsEligibleOrListedWithItsReasonBeforeAndAfterScheduling() {
        // given a package with orgs of every reason a package-wide campaign can meet
        Inventory.Package pkg = inventory().newPackage();
        Map<String, Set<String>> expected = new HashMap<>();
        List<String> eligible = Stream.concat(pkg.add(Org.production().times(3)).stream(),
                pkg.add(Org.sandbox().times(2)).stream()).toList();
        expected.put("INACTIVE", Set.copyOf(pkg.add(List.of(Org.production().status("INACTIVE")))));
        expected.put("EXCLUDED", Set.copyOf(pkg.add(List.of(Org.production().excluded()))));
        expected.put("BETA_INSTALLED", Set.copyOf(pkg.add(List.of(Org.production().installed("4.3.0").beta()))));
        expected.put("ALREADY_ON_TARGET", Set.copyOf(pkg.add(List.of(Org.production().installed("4.2.1")))));
        // a maintenance window that never opens: the query finds it eligible, planning finds no window
        expected.put("NO_WINDOW", Set.copyOf(pkg.add(List.of(Org.production()
                .window("UTC", LocalTime.of(22, 0), LocalTime.of(2, 0))))));
        expected.put("NOT_SELECTED", Set.copyOf(pkg.add(Org.production().instance("EU9").times(2))));
        List<String> byCampaign = pkg.add(List.of(Org.production()));
        expected.put("EXCLUDED_BY_CAMPAIGN", Set.copyOf(byCampaign));
        List<String> inOther = pkg.add(List.of(Org.production()));
        expected.put("IN_OTHER_CAMPAIGN", Set.copyOf(inOther));
        Set<String> notInstalled = new HashSet<>(pkg.add(List.of(Org.production().uninstalled())));
        // and an org imported for the package without having it (the demo's orgs "in neither")
        String lost = Inventory.orgId();
        Response imported = api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,org_name,instance,installed_version\n" + lost + ",Lost Org,NA1,\n"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        notInstalled.add(lost);
        expected.put("NOT_INSTALLED", notInstalled);
        // another campaign of the package holds one org
        String other = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).orgIds(inOther).json())
                .json().get("id").asText();
        assertThat(api().postWithIfMatch("/api/v1/campaigns/" + other + "/schedule", null, "\"0\"").status())
                .isEqualTo(200);
        long orgsOfThePackage = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from installed_package where package_id = ?", Long.class, pkg.id);
        assertThat(orgsOfThePackage).isEqualTo(eligible.size() + expected.values().stream().mapToInt(Set::size).sum());

        // when a campaign selects the NA1 and CS1 pods and leaves one org out by id
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                .with("selection.instances", List.of("NA1", "CS1"))
                .with("selection.excludedOrgIds", byCampaign).json()).json().get("id").asText();
        JsonNode preview = api().get("/api/v1/campaigns/" + id + "/preview").json();

        // then the counts add up to the package's orgs, and each reason lists exactly its orgs
        assertThat(preview.get("eligible").asLong()).isEqualTo(eligible.size());
        assertThat(preview.get("eligible").asLong() + preview.get("excludedTotal").asLong()).isEqualTo(orgsOfThePackage);
        assertThat(counts(preview.get("plan").get("excluded"))).isEqualTo(sizes(expected));
        expected.forEach((reason, orgs) -> assertThat(listed(id, reason)).as(reason).isEqualTo(orgs));
        assertThat(listed(id, null)).hasSize((int) preview.get("excludedTotal").asLong());

        // and after scheduling, the stored plan and the exclusion list say the same
        Response scheduled = api().postWithIfMatch("/api/v1/campaigns/" + id + "/schedule", null, "\"0\"");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        JsonNode plan = scheduled.json().get("plan");
        assertThat(plan.get("eligible").asLong()).isEqualTo(eligible.size());
        assertThat(counts(plan.get("excluded"))).isEqualTo(sizes(expected));
        expected.forEach((reason, orgs) -> assertThat(listed(id, reason)).as(reason + " once scheduled")
                .isEqualTo(orgs));
        assertThat(listed(id, null)).hasSize(expected.values().stream().mapToInt(Set::size).sum());
        Set<String> targets = Set.copyOf(new JdbcTemplate(dataSource).queryForList(
                "select org_id from campaign_target where campaign_id = ?::uuid", String.class, id));
        assertThat(targets).isEqualTo(Set.copyOf(eligible));
    }

    @Test
    void theDemoFleetOfTwoThousandOrgsAddsUpToTwoThousand() throws IOException {
        // given the demo's package and its fleet (seed 1, always-open windows), imported as CSV
        String packageId = Inventory.id("033");
        assertThat(api().post("/api/v1/packages", "{\"packageId\":\"" + packageId
                + "\",\"name\":\"Acme Billing\",\"namespace\":\"acme\"}").status()).isEqualTo(201);
        for (String version : List.of("3.9.7", "4.0.3", "4.1.0", "4.1.2", "4.2.0", "4.2.1")) {
            Response registered = api().post("/api/v1/packages/" + packageId + "/versions", "{\"versionId\":\""
                    + Inventory.id("04t") + "\",\"version\":\"" + version + "\",\"releaseState\":\"RELEASED\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        }
        FleetGenerator fleet = new FleetGenerator(FleetOptions.defaults(2000, 1)
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        FleetCsv.write(fleet.stream(), csv);
        Response imported = api().send("POST", "/api/v1/packages/" + packageId + "/subscribers/import", "text/csv",
                BodyPublishers.ofByteArray(csv.toByteArray()));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        Set<String> withoutThePackage = fleet.stream().filter(o -> o.installedVersion() == null)
                .map(SimulatedOrg::orgId).collect(Collectors.toSet());
        assertThat(withoutThePackage).hasSize(21);

        // when the demo's campaign is previewed
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(packageId).json()).json().get("id").asText();
        JsonNode preview = api().get("/api/v1/campaigns/" + id + "/preview").json();

        // then eligible + excluded = 2,000 (it was 1,840 + 139: the 21 orgs without the package were in neither)
        assertThat(preview.get("eligible").asLong() + preview.get("excludedTotal").asLong()).isEqualTo(2000);
        Set<String> listed = listed(id, null);
        assertThat(listed).hasSize((int) preview.get("excludedTotal").asLong()).containsAll(withoutThePackage);
    }

    private Set<String> listed(String campaignId, String reason) {
        Response page = api().get("/api/v1/campaigns/" + campaignId + "/preview/exclusions?limit=1000"
                + (reason == null ? "" : "&reason=" + reason));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Set<String> orgs = new HashSet<>();
        page.json().get("items").forEach(item -> {
            if (reason != null) {
                assertThat(item.get("reason").asText()).isEqualTo(reason);
            }
            orgs.add(item.get("orgId").asText());
        });
        return orgs;
    }

    private static Map<String, Long> counts(JsonNode excluded) {
        Map<String, Long> counts = new HashMap<>();
        excluded.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static Map<String, Long> sizes(Map<String, Set<String>> orgs) {
        return orgs.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
    }
}
