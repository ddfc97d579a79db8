package io.upshift.security.it;

import static io.upshift.security.it.Http.apiKey;
import static io.upshift.security.it.Http.bearer;
import static io.upshift.security.it.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.common.testing.MutableClock;
import io.upshift.devstack.DevStackProperties;
import io.upshift.security.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The module in a running service: real signed JWTs from a test identity provider, real API keys
 * in PostgreSQL, the audit trail, the JSON size limit and the management port.
 */
@SpringBootTest(classes = {SecuredApp.class, ApiSecurityIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "upshift.security.max-json-body=64KB",
        "upshift.security.api-keys.bootstrap-admin-key=" + ApiSecurityIT.BOOTSTRAP})
class ApiSecurityIT {

    static final String BOOTSTRAP = "bootstrap-key-for-the-api-security-it-0123456789";
    static final Instant START = Instant.parse("2031-03-04T05:06:07Z");
    static final TestIssuer ISSUER = TestIssuer.shared();

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, "api_security");
        ISSUER.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void answersACallWithoutCredentialsWith401ProblemDetails() {
        Http.Answer answer = send("GET", url("/api/v1/things"), null, Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/unauthenticated");
        assertThat(answer.json().get("detail").asText()).contains("X-API-Key").contains("Bearer");
    }

    @Test
    void letsAPersonWithAValidTokenCallWhatTheirRolesAllow() {
        String viewer = ISSUER.token("vera", "VIEWER");
        String operator = ISSUER.token("otto", "operator");

        Http.Answer read = send("GET", url("/api/v1/things"), null, bearer(viewer));
        Http.Answer denied = send("POST", url("/api/v1/things"), "{\"name\":\"x\"}", bearer(viewer));
        Http.Answer created = send("POST", url("/api/v1/things"), "{\"name\":\"x\"}", bearer(operator));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("caller").asText()).isEqualTo("vera");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
        assertThat(denied.json().get("type").asText()).isEqualTo("https://upshift.dev/problems/forbidden");
        assertThat(denied.json().get("detail").asText())
                .isEqualTo("to create a thing a caller needs the role OPERATOR; vera has VIEWER");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("createdBy").asText()).isEqualTo("otto");
    }

    @Test
    void refusesExpiredForeignForgedAndMalformedTokens() {
        TestIssuer stranger = TestIssuer.start();
        try {
            List<String> bad = List.of(ISSUER.expiredToken("eve", "ADMIN"),
                    ISSUER.tokenFromIssuer("https://elsewhere.example/realms/upshift", "eve", "ADMIN"),
                    ISSUER.forgedBy(stranger, "eve", "ADMIN"),
                    stranger.token("eve", "ADMIN"),
                    "not.a.jwt");
            for (String token : bad) {
                Http.Answer answer = send("GET", url("/api/v1/things"), null, bearer(token));

                assertThat(answer.status()).as(token).isEqualTo(401);
                assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
                assertThat(answer.json().get("detail").asText()).startsWith("the bearer token was refused");
            }
        } finally {
            stranger.close();
        }
    }

    @Test
    void aTokenWithoutUpshiftRolesMayNotEvenRead() {
        Http.Answer answer = send("GET", url("/api/v1/things"), null, bearer(ISSUER.token("nobody", "offline_access")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("detail").asText()).contains("needs the role VIEWER").contains("nobody has no Upshift role");
    }

    @Test
    void closesARouteNoRuleMentions() {
        Http.Answer answer = send("POST", url("/api/v1/unlisted"), "{}", bearer(ISSUER.token("ada", "ADMIN", "OPERATOR")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("detail").asText()).isEqualTo("POST /api/v1/unlisted is open to no role");
    }

    @Test
    void anAdministratorCreatesAKeyThatIsShownOnceStoredHashedAndWorksUntilRevoked() {
        // given the bootstrap key from configuration
        Http.Answer created = send("POST", url("/api/v1/api-keys"),
                "{\"name\":\"release-pipeline\",\"roles\":[\"OPERATOR\"]}", apiKey(BOOTSTRAP));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();

        // then the key is in that answer only, and the database holds only its hash
        assertThat(key).startsWith("upshift_" + id + "_");
        // the secret is everything after the id: it may itself hold '_' (base64url), so not "after the last '_'"
        // (a secret ending in "_I" once made this test look for "I" in the listing)
        String secret = key.substring(("upshift_" + id + "_").length());
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(created.header("Location")).isEqualTo("/api/v1/api-keys/" + id);
        assertThat(created.json().get("createdBy").asText()).isEqualTo("apikey:bootstrap-admin");
        Http.Answer listed = send("GET", url("/api/v1/api-keys"), null, apiKey(BOOTSTRAP));
        assertThat(listed.text()).contains(id).doesNotContain(secret);
        String stored = jdbc.sql("select row_to_json(k)::text from api_key k where key_id = ?").param(id)
                .query(String.class).single();
        assertThat(stored).doesNotContain(secret).contains("release-pipeline");

        // and the key works in the X-API-Key header and as a bearer token, with its roles
        assertThat(send("GET", url("/api/v1/things"), null, apiKey(key)).json().get("caller").asText())
                .isEqualTo("apikey:release-pipeline");
        assertThat(send("POST", url("/api/v1/things"), "{\"name\":\"y\"}", bearer(key)).status()).isEqualTo(201);
        assertThat(send("POST", url("/api/v1/api-keys"), "{\"name\":\"x\",\"roles\":[\"ADMIN\"]}", apiKey(key)).status())
                .isEqualTo(403);

        // when it is revoked, the next call with it is refused
        assertThat(send("DELETE", url("/api/v1/api-keys/" + id), null, apiKey(BOOTSTRAP)).status()).isEqualTo(204);
        Http.Answer refused = send("GET", url("/api/v1/things"), null, apiKey(key));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).isEqualTo("the API key is unknown, revoked or expired");
        JsonNode revoked = send("GET", url("/api/v1/api-keys/" + id), null, apiKey(BOOTSTRAP)).json();
        assertThat(revoked.get("state").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokedBy").asText()).isEqualTo("apikey:bootstrap-admin");
        assertThat(revoked.get("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void refusesAKeyOnceItHasExpiredAndAKeyThatWasNeverIssued() {
        Http.Answer created = send("POST", url("/api/v1/api-keys"), "{\"name\":\"short-lived\",\"roles\":[\"VIEWER\"],"
                + "\"expiresAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}", apiKey(BOOTSTRAP));
        String key = created.json().get("key").asText();
        assertThat(send("GET", url("/api/v1/things"), null, apiKey(key)).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(send("GET", url("/api/v1/things"), null, apiKey(key)).status()).isEqualTo(401);
        String guessed = key.substring(0, key.length() - 4) + "AAAA";
        assertThat(send("GET", url("/api/v1/things"), null, apiKey(guessed)).status()).isEqualTo(401);
        assertThat(send("GET", url("/api/v1/things"), null, apiKey("upshift_aaaaaaaaaaaa_" + "A".repeat(43))).status())
                .isEqualTo(401);
    }

    @Test
    void refusesABadKeyRequest() {
        Http.Answer unknownRole = send("POST", url("/api/v1/api-keys"), "{\"name\":\"k\",\"roles\":[\"ROOT\"]}",
                apiKey(BOOTSTRAP));
        Http.Answer noRoles = send("POST", url("/api/v1/api-keys"), "{\"name\":\"k\",\"roles\":[]}", apiKey(BOOTSTRAP));
        Http.Answer past = send("POST", url("/api/v1/api-keys"), "{\"name\":\"k\",\"roles\":[\"VIEWER\"],\"expiresAt\":\""
                + clock.instant().minusSeconds(1) + "\"}", apiKey(BOOTSTRAP));

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(noRoles.status()).isEqualTo(400);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("detail").asText()).contains("expiresAt");
        assertThat(send("DELETE", url("/api/v1/api-keys/nosuchkey"), null, apiKey(BOOTSTRAP)).status()).isEqualTo(404);
    }

    @Test
    void auditsEveryStateChangingCallWithWhoWhatWhenWhereAndResultIncludingRefusals() {
        // given
        String otto = ISSUER.token("otto", "OPERATOR");
        Http.Answer created = send("POST", url("/api/v1/things"), "{\"name\":\"audited\"}", bearer(otto));
        String id = created.json().get("id").asText();

        // when: an approval by someone without the role, one without credentials, one that works
        send("POST", url("/api/v1/things/" + id + "/approve"), "{}", bearer(otto));
        send("POST", url("/api/v1/things/" + id + "/approve"), "{}", Map.of());
        send("POST", url("/api/v1/things/" + id.toUpperCase() + "/approve"), "{}", bearer(ISSUER.token("ann", "APPROVER")));
        send("GET", url("/api/v1/things"), null, bearer(otto));

        // then each call is in the trail, newest first, reads are not
        Http.Answer trail = send("GET", url("/api/v1/audit?resource=things&targetId=" + id), null,
                bearer(ISSUER.token("ada", "ADMIN")));
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        List<String> entries = new java.util.ArrayList<>();
        trail.json().get("items").forEach(e -> entries.add(e.get("principal").asText(null) + " " + e.get("method").asText()
                + " " + e.get("route").asText(null) + " " + e.get("status").asInt() + " " + e.get("authentication").asText(null)));
        assertThat(entries).containsExactly(
                "ann POST /api/v1/things/{id}/approve 200 JWT",
                "null POST null 401 null",
                "otto POST null 403 JWT",
                "otto POST /api/v1/things 201 JWT");
        JsonNode newest = trail.json().get("items").get(0);
        assertThat(newest.get("at").asText()).isEqualTo(clock.instant().toString());
        assertThat(newest.get("remoteAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(newest.get("targetId").asText()).isEqualTo(id);
        assertThat(send("GET", url("/api/v1/audit"), null, bearer(otto)).status()).isEqualTo(403);
    }

    @Test
    void refusesAJsonBodyOverTheLimitWith413AndReadsNoneOfIt() {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        String operator = ISSUER.token("otto", "OPERATOR");

        Http.Answer declared = send("POST", url("/api/v1/things"), big, bearer(operator));
        Http.Answer anonymous = send("POST", url("/api/v1/things"), big, Map.of());

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");
        assertThat(declared.json().get("detail").asText()).contains("65536 bytes");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void servesHealthInfoAndPrometheusWithoutCredentialsOnTheManagementPortOnly() {
        String management = "http://localhost:" + managementPort;

        assertThat(send("GET", management + "/actuator/health", null, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", management + "/actuator/health/liveness", null, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", management + "/actuator/info", null, Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", management + "/actuator/prometheus", null, Map.of()).text()).contains("jvm_");
        assertThat(send("GET", management + "/actuator/env", null, Map.of()).status()).isIn(401, 403, 404);
        assertThat(send("GET", management + "/actuator", null, Map.of()).status()).isIn(401, 403);
        // the application port has no actuator, whoever asks
        Http.Answer onApp = send("GET", url("/actuator/health"), null, bearer(ISSUER.token("ada", "ADMIN")));
        assertThat(onApp.status()).isIn(403, 404);
        assertThat(onApp.text()).doesNotContain("\"UP\"");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        MutableClock clock() {
            // the audit trail and key expiry read it, never the wall clock
            return new MutableClock(START);
        }
    }
}
