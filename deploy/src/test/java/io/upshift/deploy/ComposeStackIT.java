package io.upshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/docker-compose.yml brings the whole stack up — Kafka, the schema registry, PostgreSQL,
 * the SMTP catcher, the planner, three executors, the notifier, Prometheus and Grafana, images
 * built from this checkout — and a small campaign runs through the planner's API to the end, while
 * Prometheus scrapes every replica with the alert rules loaded. Needs a Docker engine (and
 * {@code docker compose}); skips, saying so, where there is none.
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine here (Testcontainers found none), so the "
        + "docker-compose stack cannot start; ComposeFileTest still validates the file with docker-compose config")
class ComposeStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PACKAGE = "033Cm0000000001";

    private static ComposeContainer compose;
    private static String planner;
    private static String prometheus;

    @BeforeAll
    static void startTheStack() {
        compose = new ComposeContainer(new File("docker-compose.yml"))
                .withEnv(Map.of("UPSHIFT_DB_PASSWORD", "compose-it-" + UUID.randomUUID(),
                        "GRAFANA_ADMIN_PASSWORD", "compose-it-" + UUID.randomUUID(),
                        "UPSHIFT_LINKS_KEYS", "it:" + java.util.Base64.getEncoder().encodeToString(
                                UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "UPSHIFT_PORTAL_PLANNER_API_KEY", "compose-it-" + UUID.randomUUID()))
                .withBuild(true)
                .withRemoveVolumes(true)
                .withExposedService("planner", 8080, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(10)))
                .withExposedService("prometheus", 9090, Wait.forHttp("/-/ready").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(10)));
        compose.start();
        planner = "http://" + compose.getServiceHost("planner", 8080) + ":" + compose.getServicePort("planner", 8080);
        prometheus = "http://" + compose.getServiceHost("prometheus", 9090) + ":" + compose.getServicePort("prometheus", 9090);
    }

    @AfterAll
    static void stop() {
        if (compose != null) {
            compose.stop();
        }
    }

    @Test
    void runsASmallCampaignToTheEnd() {
        // given a package, its versions and a simulated fleet with windows always open
        post("/api/v1/packages", Map.of("packageId", PACKAGE, "name", "Compose Check", "namespace", "cc"));
        post("/api/v1/packages/" + PACKAGE + "/versions", Map.of("versionId", "04tCm00000000V1", "version", "1.0.0",
                "releaseState", "RELEASED"));
        post("/api/v1/packages/" + PACKAGE + "/versions", Map.of("versionId", "04tCm00000000V2", "version", "1.1.0",
                "releaseState", "RELEASED"));
        post("/api/v1/packages/" + PACKAGE + "/subscribers/simulated",
                Map.of("count", 60, "seed", 5, "windowMode", "ALWAYS_OPEN"));

        // when a campaign is scheduled with a short notice period
        String id = post("/api/v1/campaigns", Map.of("name", "Compose check 1.1.0", "packageId", PACKAGE,
                "targetVersion", "1.1.0", "strategy", Map.of("sandboxesFirst", true, "canary", Map.of("count", 5)),
                "schedule", Map.of("noticePeriod", "PT5S"),
                "gate", Map.of("failureThresholdPercent", 50, "minimumFinished", 5))).path("id").asString("");
        post("/api/v1/campaigns/" + id + "/schedule", Map.of());

        // then it completes, every org in a final state
        await("campaign " + id + " completed").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(get(planner + "/api/v1/campaigns/" + id).path("state").asString(""))
                        .isEqualTo("COMPLETED"));
        JsonNode counts = get(planner + "/api/v1/campaigns/" + id).path("counts");
        assertThat(counts.path("PLANNED").asInt(-1) + counts.path("NOTIFIED").asInt(-1) + counts.path("DISPATCHED").asInt(-1))
                .isZero();
    }

    @Test
    void prometheusScrapesEveryReplicaWithTheAlertRulesLoaded() {
        await("three executors, a planner and a notifier up").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                    JsonNode up = get(prometheus + "/api/v1/query?query="
                            + URLEncoder.encode("up == 1", StandardCharsets.UTF_8)).path("data").path("result");
                    assertThat(up.size()).isEqualTo(5);
                });
        assertThat(get(prometheus + "/api/v1/rules").toString()).contains("UpshiftCampaignHalted", "UpshiftServiceDown");
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(planner + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private static JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                    .isBetween(200, 299);
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
