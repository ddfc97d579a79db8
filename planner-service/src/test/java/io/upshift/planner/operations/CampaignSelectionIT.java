package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.security.testing.TestIssuer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A campaign's selection selects: by org type, instance, installed version, list and exclusion list,
 * through the API, each proving which orgs are eligible and which are left out with their reason; and
 * a Salesforce CLI org file (or the headered CSV) uploaded as a draft's selection.
 */
class CampaignSelectionIT extends PlannerIT {

    @Test
    void selectsByOrgType() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> sandboxes = pkg.add(Org.sandbox().times(2));
        List<String> production = pkg.add(Org.production().times(2));

        Judged judged = judge(CampaignJson.forPackage(pkg.id).with("selection.orgTypes", List.of("SANDBOX")));

        assertThat(judged.eligible).containsExactlyInAnyOrderElementsOf(sandboxes);
        assertThat(judged.excluded).isEqualTo(Map.of("NOT_SELECTED", Set.copyOf(production)));
    }

    @Test
    void selectsByInstance() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> na2 = pkg.add(Org.production().instance("NA2").times(2));
        List<String> na1 = pkg.add(Org.production().instance("NA1").times(1));
        List<String> cs1 = pkg.add(Org.sandbox().times(1));

        Judged judged = judge(CampaignJson.forPackage(pkg.id).with("selection.instances", List.of("NA2")));

        assertThat(judged.eligible).containsExactlyInAnyOrderElementsOf(na2);
        assertThat(judged.excluded).isEqualTo(Map.of("NOT_SELECTED", union(na1, cs1)));
    }

    @Test
    void selectsByInstalledVersion() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> on410 = pkg.add(Org.production().installed("4.1.0").times(2));
        List<String> on400 = pkg.add(Org.production().installed("4.0.0").times(1));
        List<String> on413 = pkg.add(Org.production().installed("4.1.3").times(1));

        Judged judged = judge(CampaignJson.forPackage(pkg.id)
                .with("selection.installedVersion", Map.of("min", "4.1.0", "max", "4.1.2")));

        assertThat(judged.eligible).containsExactlyInAnyOrderElementsOf(on410);
        assertThat(judged.excluded).isEqualTo(Map.of("NOT_SELECTED", union(on400, on413)));
    }

    @Test
    void selectsTheListedOrgsButTheExcludedOnes() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> listed = pkg.add(Org.production().times(3));
        List<String> others = pkg.add(Org.production().times(2));
        String unknown = Inventory.orgId();

        Judged judged = judge(CampaignJson.forPackage(pkg.id)
                .orgIds(List.of(listed.get(0), listed.get(1), listed.get(2), unknown))
                .with("selection.excludedOrgIds", List.of(listed.get(2), others.get(0))));

        assertThat(judged.eligible).containsExactlyInAnyOrder(listed.get(0), listed.get(1));
        assertThat(judged.excluded).isEqualTo(Map.of(
                "EXCLUDED_BY_CAMPAIGN", Set.of(listed.get(2)),
                "UNKNOWN_ORG", Set.of(unknown),
                "NOT_SELECTED", Set.copyOf(others)));
    }

    @Test
    void takesAnOrgFileAsTheSelectionAndNamesTheBadLine() {
        // given a draft over five orgs, and an org file with a header, a 15- and an 18-character id and a bad line
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(5));
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json()).json().get("id").asText();
        String file = "org_id\n" + orgs.get(0).substring(0, 15) + "\n" + orgs.get(1) + "\nnot-an-org-id\n";

        // when it is uploaded whole: refused, naming the bad line, and nothing changes
        Response refused = upload(id, "", file, "\"0\"");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("line").asInt()).isEqualTo(4);
            assertThat(error.get("column").asText()).isEqualTo("org_id");
        });
        assertThat(api().get("/api/v1/campaigns/" + id).json().get("definition").get("selection").get("orgIds"))
                .isEmpty();
        // and a stale If-Match is refused too
        assertThat(upload(id, "?partial=true", file, "\"7\"").status()).isEqualTo(409);

        // when it is uploaded partially: the good ids are the selection, the answer names the bad line
        Response selected = upload(id, "?partial=true", file, "\"0\"");
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        assertThat(selected.header("ETag")).isEqualTo("\"1\"");
        assertThat(selected.json().get("format").asText()).isEqualTo("CSV");
        assertThat(selected.json().get("selected").asInt()).isEqualTo(2);
        assertThat(selected.json().get("rejected").asInt()).isEqualTo(1);
        assertThat(selected.json().get("errors")).singleElement()
                .satisfies(error -> assertThat(error.get("line").asInt()).isEqualTo(4));
        List<String> stored = new ArrayList<>();
        api().get("/api/v1/campaigns/" + id).json().get("definition").get("selection").get("orgIds")
                .forEach(n -> stored.add(n.asText()));
        assertThat(stored).containsExactly(orgs.get(0), orgs.get(1));

        // then the preview plans those two and leaves the others out as not selected
        Judged judged = judged(id);
        assertThat(judged.eligible).containsExactlyInAnyOrder(orgs.get(0), orgs.get(1));
        assertThat(judged.excluded).isEqualTo(Map.of("NOT_SELECTED", Set.copyOf(orgs.subList(2, 5))));
    }

    @Test
    void takesAPlainSalesforceCliOrgFile() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(3));
        String id = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json()).json().get("id").asText();

        Response selected = upload(id, "", "text/plain", orgs.get(2).substring(0, 15) + "\n\n" + orgs.get(0) + "  \n",
                null);

        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        assertThat(selected.json().get("format").asText()).isEqualTo("ORG_FILE");
        assertThat(judged(id).eligible).containsExactlyInAnyOrder(orgs.get(0), orgs.get(2));
    }

    private Response upload(String campaignId, String query, String file, String ifMatch) {
        return upload(campaignId, query, "text/csv", file, ifMatch);
    }

    private Response upload(String campaignId, String query, String contentType, String file, String ifMatch) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + TestIssuer.shared().token("release-manager", "OPERATOR"));
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return api().withHeaders(headers).send("POST", "/api/v1/campaigns/" + campaignId + "/selection" + query,
                contentType, BodyPublishers.ofString(file));
    }

    private record Judged(List<String> eligible, Map<String, Set<String>> excluded) {
    }

    private Judged judge(CampaignJson campaign) {
        Response created = api().post("/api/v1/campaigns", campaign.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return judged(created.json().get("id").asText());
    }

    /** The preview's planned orgs, and its excluded orgs by reason. */
    private Judged judged(String campaignId) {
        List<String> eligible = new ArrayList<>();
        api().get("/api/v1/campaigns/" + campaignId + "/preview/orgs?limit=1000").json()
                .forEach(org -> eligible.add(org.get("orgId").asText()));
        Map<String, Set<String>> excluded = new HashMap<>();
        JsonNode items = api().get("/api/v1/campaigns/" + campaignId + "/preview/exclusions?limit=1000").json()
                .get("items");
        items.forEach(item -> excluded.computeIfAbsent(item.get("reason").asText(), r -> new HashSet<>())
                .add(item.get("orgId").asText()));
        return new Judged(eligible, excluded);
    }

    @SafeVarargs
    private static Set<String> union(List<String>... lists) {
        Set<String> all = new HashSet<>();
        Stream.of(lists).forEach(all::addAll);
        return all;
    }
}
