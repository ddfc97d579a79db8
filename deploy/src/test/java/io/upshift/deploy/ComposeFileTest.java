package io.upshift.deploy;

import static io.upshift.deploy.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker-compose.yml is valid for docker-compose (checked by docker-compose itself, which
 * needs no Docker engine for `config`) and follows our rules: pinned images, health checks, start
 * order on health, three executors, no secrets in the file.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static Map<String, Object> resolved;

    @BeforeAll
    static void resolveWithDockerCompose() throws Exception {
        assumeThat(onPath("docker-compose"))
                .as("docker-compose is not installed (apt-get install --no-install-recommends docker-compose; .ci/run does)")
                .isTrue();
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config")
                .redirectErrorStream(true);
        builder.environment().put("UPSHIFT_DB_PASSWORD", "placeholder-for-validation");
        builder.environment().put("GRAFANA_ADMIN_PASSWORD", "placeholder-for-validation");
        builder.environment().put("UPSHIFT_LINKS_KEYS", "k1:placeholder-for-validation");
        builder.environment().put("UPSHIFT_PORTAL_PLANNER_API_KEY", "placeholder-for-validation");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config:%n%s", output).isZero();
        resolved = Manifests.parse(output).documents().getFirst();
    }

    @Test
    void pinsEveryImageAndNeverUsesLatest() {
        Map<String, Map<String, Object>> services = path(resolved, "services");
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            if (image != null) {
                assertThat(image).as("image of %s", name).contains(":").doesNotEndWith(":latest");
            } else {
                assertThat(service).as("%s has neither an image nor a build", name).containsKey("build");
            }
        });
    }

    @Test
    void runsThreeExecutorsAndEveryPartWithAHealthCheck() {
        Map<String, Map<String, Object>> services = path(resolved, "services");
        assertThat(services).containsKeys("kafka", "schema-registry", "postgres", "smtp", "prometheus", "grafana",
                "planner", "executor", "notifier", "subscriber-portal");
        assertThat(services.get("executor").get("scale")).isEqualTo(3);
        for (String name : List.of("kafka", "schema-registry", "postgres", "smtp", "planner", "executor", "notifier",
                "subscriber-portal")) {
            assertThat(services.get(name)).as("%s needs a healthcheck", name).containsKey("healthcheck");
        }
    }

    @Test
    void startsTheServicesOnlyWhenWhatTheyNeedIsHealthy() {
        for (String name : List.of("planner", "executor", "notifier")) {
            Map<String, Map<String, Object>> dependsOn = path(resolved, "services", name, "depends_on");
            assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
            assertThat(dependsOn.get("schema-registry")).containsEntry("condition", "service_healthy");
            assertThat(dependsOn.get("kafka-init")).containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    void keepsSecretsOutOfTheFile() throws Exception {
        String text = Files.readString(COMPOSE);
        assertThat(text).contains("${UPSHIFT_DB_PASSWORD:?").contains("${GRAFANA_ADMIN_PASSWORD:?")
                .contains("${UPSHIFT_LINKS_KEYS:?").contains("${UPSHIFT_PORTAL_PLANNER_API_KEY:?")
                .doesNotContainPattern("(?im)password:\\s*[\"']?[a-z0-9]{4,}[\"']?\\s*$");
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
