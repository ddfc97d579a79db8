package io.upshift.deploy;

import static io.upshift.deploy.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart lints, renders with the default and the production values, and what it renders
 * is valid Kubernetes (checked offline against the published schemas) and follows our rules:
 * probes on the Actuator groups, resources, disruption budgets, secrets only by reference,
 * no :latest, the executor autoscaled on consumer lag.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/upshift");
    private static final Path PRODUCTION = CHART.resolve("values-production.yaml");
    private static final List<String> SERVICES = List.of("planner", "executor", "notifier", "portal");

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void rendersADeploymentWithProbesResourcesAndABudgetForEveryService() {
        Manifests manifests = render(PRODUCTION);

        for (String service : SERVICES) {
            Map<String, Object> deployment = manifests.named("Deployment", "upshift-" + service);
            Map<String, Object> container = path(deployment, "spec", "template", "spec", "containers", 0);
            assertThat((String) path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat((String) path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat((Map<String, Object>) path(container, "resources", "requests")).containsKeys("cpu", "memory");
            assertThat((Map<String, Object>) path(container, "resources", "limits")).containsKey("memory");
            assertThat((String) path(container, "image")).doesNotEndWith(":latest").contains(":");
            assertThat((Boolean) path(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isTrue();
            manifests.named("PodDisruptionBudget", "upshift-" + service);
        }
    }

    @Test
    void takesEverySecretFromASecretReferenceNeverFromAValue() {
        Manifests manifests = render(PRODUCTION);

        manifests.ofKind("Deployment").forEach(deployment -> {
            List<Map<String, Object>> env = path(deployment, "spec", "template", "spec", "containers", 0, "env");
            env.stream()
                    .filter(variable -> ((String) variable.get("name")).matches(".*(PASSWORD|SECRET|TOKEN|KEY).*"))
                    .forEach(variable -> assertThat(variable)
                            .as("%s must come from a secretKeyRef", variable.get("name"))
                            .doesNotContainKey("value")
                            .containsKey("valueFrom"));
        });
        assertThat(manifests.ofKind("Secret")).as("the chart must not carry Secrets").isEmpty();
    }

    @Test
    void scalesTheExecutorOnTheCommandsTopicsConsumerLagWithKeda() {
        Map<String, Object> scaledObject = render(PRODUCTION).named("ScaledObject", "upshift-executor");

        Map<String, Object> kafka = path(scaledObject, "spec", "triggers", 0);
        assertThat(kafka.get("type")).isEqualTo("kafka");
        assertThat((String) path(kafka, "metadata", "topic")).isEqualTo("upshift.upgrade-commands.v1");
        assertThat((String) path(kafka, "metadata", "consumerGroup")).isEqualTo("upshift-executor");
    }

    @Test
    void fallsBackToAnHpaOnCpuWithoutKeda() {
        String yaml = template(PRODUCTION)
                .set("executor.autoscaling.keda.enabled", "false").call();
        Manifests manifests = Manifests.parse(yaml);

        assertThat(manifests.ofKind("ScaledObject")).isEmpty();
        Map<String, Object> hpa = manifests.named("HorizontalPodAutoscaler", "upshift-executor");
        assertThat((String) path(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
    }

    @Test
    void createsTheTopicsFromTheCatalogueOnInstallAndUpgrade() {
        Map<String, Object> script = render(PRODUCTION).named("ConfigMap", "upshift-create-topics");

        assertThat((String) path(script, "data", "create-topics.sh"))
                .contains("create upshift.upgrade-commands.v1 12")
                .contains("cleanup.policy=compact,delete");
    }

    @Test
    void everyRenderedDocumentIsValidKubernetes() throws Exception {
        Path validator = Path.of("validate/node_modules");
        assumeThat(Files.isDirectory(validator))
                .as("schema validation needs `npm ci --prefix deploy/validate` (.ci/run does it)").isTrue();
        for (Path values : List.of(CHART.resolve("values.yaml"), PRODUCTION)) {
            Path rendered = Files.createTempFile("upshift-chart", ".yaml");
            Files.writeString(rendered, template(values).call());
            Process node = new ProcessBuilder("node", "validate/validate.mjs", rendered.toString())
                    .redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes());
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("kubernetes schema validation of %s:%n%s", values, output).isZero();
            assertThat(output).contains("0 invalid");
        }
    }

    private static Manifests render(Path values) {
        return Manifests.parse(template(values).call());
    }

    /** helm template, for the oldest Kubernetes the chart supports. */
    private static TemplateCommand template(Path values) {
        return new Helm(CHART).template().withName("upshift").withKubeVersion("1.27.0").withValuesFile(values);
    }
}
