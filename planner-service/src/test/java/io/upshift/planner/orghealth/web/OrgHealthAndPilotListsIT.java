package io.upshift.planner.orghealth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The org-health reads (laggards with their reasons, chronic orgs) and pilot lists through the API, with the
 * problem details bad input gets. One package per test; no campaign runs (ChronicOrgsEndToEndIT runs them).
 */
class OrgHealthAndPilotListsIT extends PlannerIT {

    @Test
    void listsTheOrgsMoreThanMVersionsBehindWithWhyTheyWereNotUpgraded() {
        Inventory.Package pkg = inventory().newPackage();
        List<String> old = pkg.add(List.of(Org.production().installed("4.0.0"), Org.production().installed("4.0.0")
                .excluded(), Org.production().installed("4.0.0").status("INACTIVE")));
        pkg.add(List.of(Org.production().installed("4.1.3"), Org.production().installed("4.2.1")));

        JsonNode page = ok(api().get("/api/v1/packages/" + pkg.id + "/laggards?behind=1"));

        assertThat(page.get("newestRelease").asText()).isEqualTo("4.2.1");
        Map<String, String> reasons = new java.util.HashMap<>();
        page.get("items").forEach(i -> reasons.put(i.get("orgId").asText(), i.get("reason").asText()));
        assertThat(reasons).containsOnlyKeys(old)
                .containsEntry(old.get(0), "NOT_IN_A_CAMPAIGN")
                .containsEntry(old.get(1), "EXCLUDED")
                .containsEntry(old.get(2), "INACTIVE");
        assertThat(page.get("items").get(0).get("versionsBehind").asInt()).isEqualTo(3);
        // behind=0: the org one release behind joins; the org on the newest never does
        assertThat(ok(api().get("/api/v1/packages/" + pkg.id + "/laggards?behind=0")).get("items")).hasSize(4);
        // a package without campaigns has no chronic orgs, and says on what it judges
        JsonNode chronic = ok(api().get("/api/v1/packages/" + pkg.id + "/chronic-orgs"));
        assertThat(chronic.get("orgs")).isEmpty();
        assertThat(chronic.get("failureThreshold").asInt()).isEqualTo(2);
        assertThat(chronic.get("campaignsConsidered").asInt()).isEqualTo(3);
    }

    @Test
    void badInputIsAProblemDetail() {
        String pkg = inventory().newPackage().id;
        for (String query : List.of("behind=-1", "behind=many", "limit=0", "after=not-an-org")) {
            Api.Response answer = api().get("/api/v1/packages/" + pkg + "/laggards?" + query);
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api().get("/api/v1/packages/" + Inventory.id("033") + "/chronic-orgs").status()).isEqualTo(404);
        assertThat(api().get("/api/v1/packages/nonsense/laggards").status()).isEqualTo(400);
    }

    @Test
    void managesAPilotListAndRefusesAFileWithABadLineWhole() {
        Api admin = api().as("inventory-admin", "ADMIN");
        List<String> orgs = inventory().newPackage().add(Org.production().installed("4.1.0").times(3));
        String name = "test-orgs-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/api/v1/pilot-lists", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/pilot-lists", "{\"name\":\"" + name + "\"}").status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/pilot-lists", "{\"name\":\" padded \"}").status()).isEqualTo(400);

        // one malformed line and one unknown org: 422 naming both lines, nothing added
        Api.Response refused = csv(admin, name, "orgId\n" + orgs.get(0) + "\nnot-an-id\n" + Inventory.orgId() + "\n");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValues("line").stream().map(JsonNode::asInt).toList())
                .containsExactly(3, 4);
        assertThat(ok(api().get("/api/v1/pilot-lists/" + name)).get("members")).isEmpty();

        JsonNode added = ok(csv(admin, name, orgs.stream().map(o -> o.substring(0, 15)).collect(Collectors.joining("\n"))));
        assertThat(added.get("added").asInt()).isEqualTo(3);
        assertThat(admin.send("DELETE", "/api/v1/pilot-lists/" + name + "/members/" + orgs.get(0), null,
                HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(204);
        List<String> members = new ArrayList<>();
        ok(api().get("/api/v1/pilot-lists/" + name)).get("members").forEach(m -> members.add(m.asText()));
        assertThat(members).containsExactlyInAnyOrderElementsOf(orgs.subList(1, 3));
        // an OPERATOR may read the list but not change it
        assertThat(api().as("operator", "OPERATOR").post("/api/v1/pilot-lists/" + name + "/members",
                "{\"orgIds\":[\"" + orgs.get(0) + "\"]}").status()).isEqualTo(403);
        assertThat(admin.send("DELETE", "/api/v1/pilot-lists/" + name, null, HttpRequest.BodyPublishers.noBody())
                .status()).isEqualTo(204);
        assertThat(api().get("/api/v1/pilot-lists/" + name).status()).isEqualTo(404);
    }

    private static Api.Response csv(Api api, String list, String body) {
        return api.send("POST", "/api/v1/pilot-lists/" + list + "/members", "text/csv",
                HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonNode ok(Api.Response answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 299);
        return answer.json();
    }
}
