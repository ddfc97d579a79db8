package io.upshift.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.PlannerIT;
import io.upshift.security.testing.TestIssuer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what, route by route and role by role: the table below is the planner's access
 * rules seen from outside. A call a role may make must get past security (whatever the planner
 * then answers — the ids are made up, so mostly 404 or 400); a call it may not make gets 403
 * problem details; a call without credentials gets 401.
 */
class ApiAccessIT extends PlannerIT {

    private static final String CAMPAIGN = "/api/v1/campaigns/" + UUID.randomUUID();
    private static final String TRAIN = "/api/v1/trains/" + UUID.randomUUID();
    private static final String PACKAGE = "/api/v1/packages/033A0000000Nope0AAA";
    private static final String ORG = "/api/v1/orgs/00DA0000000Nope0AAA";
    private static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "APPROVER", "ADMIN");
    private static final Set<String> ALL = Set.copyOf(ROLES);

    /** One route: method, path, a body, and the roles that may call it. */
    record Route(String method, String path, String contentType, String body, Set<String> roles) {

        @Override
        public String toString() {
            return method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}");
        }
    }

    static List<Route> routes() {
        String json = "application/json";
        return List.of(
                // reading: every role
                new Route("GET", "/api/v1/campaigns", null, null, ALL),
                new Route("GET", CAMPAIGN, null, null, ALL),
                new Route("GET", CAMPAIGN + "/orgs", null, null, ALL),
                new Route("GET", CAMPAIGN + "/results.csv", null, null, ALL),
                new Route("GET", CAMPAIGN + "/deadline-report", null, null, ALL),
                new Route("GET", CAMPAIGN + "/preview", null, null, ALL),
                new Route("GET", CAMPAIGN + "/audit", null, null, ALL),
                new Route("GET", CAMPAIGN + "/rehearsals", null, null, ALL),
                new Route("GET", CAMPAIGN + "/failures", null, null, ALL),
                new Route("GET", "/api/v1/packages", null, null, ALL),
                new Route("GET", PACKAGE + "/versions", null, null, ALL),
                new Route("GET", "/api/v1/orgs", null, null, ALL),
                new Route("GET", ORG + "/campaigns", null, null, ALL),
                new Route("GET", PACKAGE + "/chronic-orgs", null, null, ALL),
                new Route("GET", PACKAGE + "/laggards", null, null, ALL),
                new Route("GET", "/api/v1/pilot-lists", null, null, ALL),
                // the API description is open to anyone: OpenApiDocumentIT
                new Route("GET", "/api/v1/me", null, null, ALL),
                // operating campaigns
                new Route("POST", "/api/v1/campaigns", json, "{}", Set.of("OPERATOR")),
                new Route("PUT", CAMPAIGN, json, "{}", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/schedule", json, "", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/rehearsals", json, "{}", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/pause", json, "{}", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/resume", json, "", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/cancel", json, "{}", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/retry-failed", json, "{}", Set.of("OPERATOR")),
                new Route("POST", CAMPAIGN + "/orgs/00DA0000000Nope0AAA/remove", json, "{\"reason\":\"r\"}",
                        Set.of("OPERATOR")),
                // release trains: read by all, run by operators, approved by approvers
                new Route("GET", "/api/v1/trains", null, null, ALL),
                new Route("GET", TRAIN, null, null, ALL),
                new Route("GET", TRAIN + "/preview", null, null, ALL),
                new Route("POST", "/api/v1/trains", json, "{}", Set.of("OPERATOR")),
                new Route("POST", TRAIN + "/schedule", json, "", Set.of("OPERATOR")),
                new Route("POST", TRAIN + "/pause", json, "{}", Set.of("OPERATOR")),
                new Route("POST", TRAIN + "/resume", json, "", Set.of("OPERATOR")),
                new Route("POST", TRAIN + "/cancel", json, "{}", Set.of("OPERATOR")),
                new Route("POST", TRAIN + "/approve", json, "", Set.of("APPROVER")),
                // approving waves
                new Route("POST", CAMPAIGN + "/approve", json, "{}", Set.of("APPROVER")),
                // administering packages, inventory, keys and the whole audit trail
                new Route("POST", "/api/v1/packages", json, "{}", Set.of("ADMIN")),
                new Route("POST", PACKAGE + "/versions", json, "{}", Set.of("ADMIN")),
                new Route("PATCH", PACKAGE + "/versions/04tA0000000Nope0AAA", json, "{}", Set.of("ADMIN")),
                new Route("POST", PACKAGE + "/subscribers/import", "text/csv", "00DA0000000Nope0\n", Set.of("ADMIN")),
                new Route("POST", PACKAGE + "/subscribers/simulated", json, "{\"count\":1}", Set.of("ADMIN")),
                new Route("POST", PACKAGE + "/subscribers/sync", json, "", Set.of("ADMIN")),
                new Route("PUT", ORG + "/exclusion", json, "{\"excluded\":true}", Set.of("ADMIN")),
                new Route("DELETE", ORG + "/exclusion", null, "", Set.of("ADMIN")),
                new Route("POST", "/api/v1/pilot-lists", json, "{}", Set.of("ADMIN")),
                new Route("DELETE", "/api/v1/pilot-lists/no-such-list", null, "", Set.of("ADMIN")),
                new Route("POST", "/api/v1/pilot-lists/no-such-list/members", "text/csv", "00DA0000000Nope0\n",
                        Set.of("ADMIN")),
                new Route("PUT", "/api/v1/pilot-lists/no-such-list/members/00DA0000000Nope0AAA", json, "",
                        Set.of("ADMIN")),
                new Route("DELETE", "/api/v1/pilot-lists/no-such-list/members/00DA0000000Nope0AAA", null, "",
                        Set.of("ADMIN")),
                new Route("GET", "/api/v1/api-keys", null, null, Set.of("ADMIN")),
                new Route("POST", "/api/v1/api-keys", json, "{}", Set.of("ADMIN")),
                new Route("DELETE", "/api/v1/api-keys/nosuchkey0000", null, "", Set.of("ADMIN")),
                new Route("GET", "/api/v1/audit", null, null, Set.of("ADMIN")),
                // what no route offers is closed to everyone
                new Route("DELETE", CAMPAIGN, null, "", Set.of()),
                new Route("POST", "/api/v1/nothing-here", json, "{}", Set.of()));
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Route route : routes()) {
            for (String role : ROLES) {
                rows.add(Arguments.of(route, role, route.roles().contains(role)));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("table")
    void letsEachRoleMakeItsCallsAndNoOthers(Route route, String role, boolean allowed) {
        Response answer = call(api().as("someone-" + role.toLowerCase(), role), route);

        if (allowed) {
            assertThat(answer.status()).as(answer.toString()).isNotIn(401, 403);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/forbidden");
            assertThat(answer.json().get("detail").asText()).contains(route.roles().isEmpty() ? "open to no role"
                    : "needs the role").contains(route.roles().isEmpty() ? "" : role);
        }
    }

    @ParameterizedTest(name = "{0} without credentials → 401")
    @MethodSource("routes")
    void refusesEveryCallWithoutCredentials(Route route) {
        Response answer = call(api().anonymous(), route);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void refusesAnExpiredTokenAndOneFromAnotherIssuer() {
        TestIssuer stranger = TestIssuer.start();
        try {
            assertThat(api().withHeaders(Map.of("Authorization", "Bearer "
                    + TestIssuer.shared().expiredToken("ada", "ADMIN"))).get("/api/v1/campaigns").status()).isEqualTo(401);
            assertThat(api().withHeaders(Map.of("Authorization", "Bearer " + stranger.token("ada", "ADMIN")))
                    .get("/api/v1/campaigns").status()).isEqualTo(401);
        } finally {
            stranger.close();
        }
    }

    @Test
    void tellsTheCallerWhoItIsAndWhichRolesItHas() {
        Response created = api().post("/api/v1/api-keys", "{\"name\":\"console-user\",\"roles\":[\"APPROVER\"]}");
        Response me = api().withApiKey(created.json().get("key").asText()).get("/api/v1/me");

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("principal").asText()).isEqualTo("apikey:console-user");
        assertThat(me.json().get("authentication").asText()).isEqualTo("API_KEY");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"APPROVER\",\"VIEWER\"]");
        assertThat(api().withHeaders(Map.of("Authorization", "Bearer " + TestIssuer.shared().token("ada", "OPERATOR")))
                .get("/api/v1/me").json().get("principal").asText()).isEqualTo("ada");
    }

    @Test
    void aScriptsKeyActsWithItsRolesUntilItIsRevoked() {
        // given an administrator makes an OPERATOR key for a pipeline
        Response created = api().post("/api/v1/api-keys", "{\"name\":\"deploy-pipeline\",\"roles\":[\"OPERATOR\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api pipeline = api().withApiKey(created.json().get("key").asText());

        // then it reads and operates, but neither approves nor administers
        assertThat(pipeline.get("/api/v1/campaigns").status()).isEqualTo(200);
        assertThat(pipeline.post(CAMPAIGN + "/pause", "{}").status()).isEqualTo(404);
        assertThat(pipeline.post(CAMPAIGN + "/approve", "{}").status()).isEqualTo(403);
        assertThat(pipeline.post("/api/v1/packages", "{}").status()).isEqualTo(403);

        // and once revoked it is refused
        assertThat(api().send("DELETE", "/api/v1/api-keys/" + created.json().get("id").asText(), null,
                BodyPublishers.noBody()).status()).isEqualTo(204);
        assertThat(pipeline.get("/api/v1/campaigns").status()).isEqualTo(401);
    }

    @Test
    void servesHealthAndMetricsWithoutCredentialsOnlyOnTheManagementPort() {
        Api management = new Api(managementPort).anonymous();

        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/info").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").text()).contains("upshift_");
        assertThat(management.get("/actuator/env").status()).isIn(401, 403, 404);
        assertThat(management.get("/actuator/configprops").status()).isIn(401, 403, 404);
        Response onTheApplicationPort = api().as("ada", "ADMIN").get("/actuator/health");
        assertThat(onTheApplicationPort.status()).isIn(403, 404);
        assertThat(onTheApplicationPort.text()).doesNotContain("\"UP\"");
    }

    private static Response call(Api api, Route route) {
        return api.send(route.method(), route.path(), route.contentType(),
                route.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(route.body()));
    }
}
