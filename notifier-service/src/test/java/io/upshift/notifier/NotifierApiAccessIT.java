package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on the notifier, role by role: email counts for every role, the suppression
 * list and keys for administrators; 401 without credentials; changes in the audit trail.
 */
class NotifierApiAccessIT extends NotifierIntegrationTest {

    private static final List<String> ROLES = List.of("VIEWER", "OPERATOR", "APPROVER", "ADMIN");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    record Route(String method, String path, String body, Set<String> roles) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("GET", "/api/v1/campaigns/" + UUID.randomUUID() + "/emails", null, Set.copyOf(ROLES)),
                new Route("GET", "/api/v1/suppressions", null, Set.of("ADMIN")),
                new Route("GET", "/api/v1/suppressions/nobody%40access.example", null, Set.of("ADMIN")),
                new Route("PUT", "/api/v1/suppressions/nobody%40access.example", "{}", Set.of("ADMIN")),
                new Route("DELETE", "/api/v1/suppressions/nobody%40access.example", null, Set.of("ADMIN")),
                new Route("GET", "/api/v1/api-keys", null, Set.of("ADMIN")),
                new Route("GET", "/api/v1/audit", null, Set.of("ADMIN")),
                new Route("POST", "/api/v1/campaigns/" + UUID.randomUUID() + "/emails", "{}", Set.of()));
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
        HttpResponse<String> answer = call(route, "Bearer " + TestIssuer.shared().token("someone", role));

        if (allowed) {
            assertThat(answer.statusCode()).as(answer.body()).isNotIn(401, 403);
        } else {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0} without credentials → 401")
    @MethodSource("routes")
    void refusesEveryCallWithoutCredentials(Route route) {
        assertThat(call(route, null).statusCode()).isEqualTo(401);
    }

    @Test
    void recordsWhoChangedTheSuppressionListInTheAuditTrail() {
        String address = "audited-" + UUID.randomUUID() + "@access.example";
        Route put = new Route("PUT", "/api/v1/suppressions/" + address, "{\"reason\":\"MANUAL\"}", Set.of("ADMIN"));

        java.time.Instant before = clock.instant();
        assertThat(call(put, "Bearer " + TestIssuer.shared().token("vera", "VIEWER")).statusCode()).isEqualTo(403);
        assertThat(call(put, "Bearer " + TestIssuer.shared().token("ada", "ADMIN")).statusCode()).isEqualTo(201);
        java.time.Instant after = clock.instant();

        HttpResponse<String> trail = call(new Route("GET", "/api/v1/audit?resource=suppressions&targetId=" + address,
                null, Set.of()), "Bearer " + TestIssuer.shared().token("ada", "ADMIN"));
        JsonNode items = JSON.readTree(trail.body()).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("principal").asText()).isEqualTo("ada");
        assertThat(items.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(items.get(0).get("route").asText()).isEqualTo("/api/v1/suppressions/{address}");
        assertThat(items.get(1).get("principal").asText()).isEqualTo("vera");
        assertThat(items.get(1).get("status").asInt()).isEqualTo(403);
        // the notifier's (steerable) clock
        assertThat(java.time.Instant.parse(items.get(0).get("at").asText())).isBetween(before, after);
    }

    @Test
    void servesHealthAndMetricsWithoutCredentialsOnlyOnTheManagementPort() throws Exception {
        String management = "http://localhost:" + managementPort;
        assertThat(get(management + "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get(management + "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(get(management + "/actuator/env").statusCode()).isIn(401, 403, 404);
        assertThat(get("http://localhost:" + port + "/actuator/health").statusCode()).isIn(401, 403, 404);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(Route route, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + route.path()))
                .method(route.method(), route.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(route.body()));
        if (route.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
