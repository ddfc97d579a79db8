package io.upshift.deploy;

import static io.upshift.deploy.Manifests.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/prometheus/prometheus-kubernetes.yml finds the pods the Helm chart renders. Debian's
 * promtool is built without Kubernetes discovery and cannot load this file, so the test does what
 * Prometheus' pod discovery and relabelling would: it turns every rendered pod template into the
 * discovery labels Prometheus documents ({@code __meta_kubernetes_pod_*}, one target per
 * container port), applies the file's relabel rules, and checks what is left to scrape.
 */
class KubernetesScrapeConfigTest {

    private static Map<String, Object> config;
    private static Map<String, Object> scrape;
    private static Manifests chart;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        config = new Yaml().load(Files.readString(Path.of("prometheus/prometheus-kubernetes.yml")));
        scrape = ((List<Map<String, Object>>) config.get("scrape_configs")).getFirst();
        chart = Manifests.parse(new Helm(Path.of("helm/upshift")).template().withName("upshift")
                .withKubeVersion("1.27.0").withValuesFile(Path.of("helm/upshift/values-production.yaml")).call());
    }

    @Test
    void scrapesEachServicesManagementPortUnderTheJobNamesTheAlertsUse() {
        List<Map<String, String>> targets = new ArrayList<>();
        int ip = 1;
        for (Map<String, Object> deployment : chart.ofKind("Deployment").toList()) {
            targets.addAll(relabel(discover(deployment, "10.0.0." + ip++, "Running")));
        }

        assertThat(targets).extracting(t -> t.get("job"))
                .containsExactlyInAnyOrder("upshift-planner", "upshift-executor", "upshift-notifier", "upshift-portal");
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.get("__address__")).matches("10\\.0\\.0\\.\\d+:8081");
            assertThat(t.get("__metrics_path__")).isEqualTo("/actuator/prometheus");
            assertThat(t.get("namespace")).isEqualTo("upshift");
            assertThat(t.get("pod")).startsWith("upshift-");
        });
        assertThat(scrape.get("honor_labels")).as("the services' application and instance labels are kept")
                .isEqualTo(true);
    }

    @Test
    void leavesOutPodsThatAreNotUpshiftsOrNotRunning() {
        Map<String, Object> planner = chart.named("Deployment", "upshift-planner");
        Map<String, Object> foreign = copyWithLabel(planner, "app.kubernetes.io/part-of", "someone-else");

        assertThat(relabel(discover(foreign, "10.0.1.1", "Running"))).isEmpty();
        assertThat(relabel(discover(planner, "10.0.1.2", "Pending"))).isEmpty();
        assertThat(relabel(discover(planner, "10.0.1.3", "Running"))).hasSize(1);
    }

    @Test
    void loadsTheAlertRules() {
        assertThat(config.get("rule_files")).asList().containsExactly("/etc/prometheus/rules/*.yml");
    }

    /** What pod discovery gives Prometheus for one pod of a Deployment: one target per container port. */
    private static List<Map<String, String>> discover(Map<String, Object> deployment, String podIp, String phase) {
        Map<String, Object> template = path(deployment, "spec", "template");
        String name = path(deployment, "metadata", "name");
        List<Map<String, String>> targets = new ArrayList<>();
        List<Map<String, Object>> ports = path(template, "spec", "containers", 0, "ports");
        for (Map<String, Object> port : ports) {
            Map<String, String> labels = new TreeMap<>();
            labels.put("job", (String) scrape.get("job_name"));
            labels.put("__metrics_path__", "/metrics");
            labels.put("__address__", podIp + ":" + port.get("containerPort"));
            labels.put("__meta_kubernetes_namespace", "upshift");
            labels.put("__meta_kubernetes_pod_name", name + "-5d9c7b6f4-x2x7q");
            labels.put("__meta_kubernetes_pod_phase", phase);
            labels.put("__meta_kubernetes_pod_container_port_name", String.valueOf(port.get("name")));
            labels.put("__meta_kubernetes_pod_container_port_number", String.valueOf(port.get("containerPort")));
            Map<String, Object> metadataLabels = path(template, "metadata", "labels");
            metadataLabels.forEach((k, v) -> labels.put("__meta_kubernetes_pod_label_" + sanitize(k), String.valueOf(v)));
            Map<String, Object> annotations = path(template, "metadata", "annotations");
            annotations.forEach((k, v) -> labels.put("__meta_kubernetes_pod_annotation_" + sanitize(k), String.valueOf(v)));
            targets.add(labels);
        }
        return targets;
    }

    /** Prometheus' relabelling (keep, drop, replace) of the scrape config, then its de-duplication of targets. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> relabel(List<Map<String, String>> discovered) {
        List<Map<String, Object>> rules = (List<Map<String, Object>>) scrape.get("relabel_configs");
        List<Map<String, String>> kept = new ArrayList<>();
        targets:
        for (Map<String, String> target : discovered) {
            Map<String, String> labels = new TreeMap<>(target);
            for (Map<String, Object> rule : rules) {
                List<String> sources = (List<String>) rule.getOrDefault("source_labels", List.of());
                String value = String.join((String) rule.getOrDefault("separator", ";"),
                        sources.stream().map(s -> labels.getOrDefault(s, "")).toList());
                Matcher matcher = Pattern.compile("^(?:" + rule.getOrDefault("regex", "(.*)") + ")$").matcher(value);
                String action = (String) rule.getOrDefault("action", "replace");
                switch (action) {
                    case "keep" -> {
                        if (!matcher.matches()) {
                            continue targets;
                        }
                    }
                    case "drop" -> {
                        if (matcher.matches()) {
                            continue targets;
                        }
                    }
                    case "replace" -> {
                        if (matcher.matches()) {
                            String replaced = matcher.replaceFirst(((String) rule.getOrDefault("replacement", "$1"))
                                    .replace("${", "$").replaceAll("\\$(\\d)}", "\\$$1"));
                            if (replaced.isEmpty()) {
                                labels.remove((String) rule.get("target_label"));
                            } else {
                                labels.put((String) rule.get("target_label"), replaced);
                            }
                        }
                    }
                    default -> throw new AssertionError("the test does not know relabel action " + action);
                }
            }
            labels.keySet().removeIf(k -> k.startsWith("__meta_"));
            if (!kept.contains(labels)) {
                kept.add(labels);
            }
        }
        return kept;
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyWithLabel(Map<String, Object> deployment, String label, String value) {
        Map<String, Object> copy = new Yaml().load(new Yaml().dump(deployment));
        Map<String, Object> labels = path(copy, "spec", "template", "metadata", "labels");
        labels.put(label, value);
        return new LinkedHashMap<>(copy);
    }
}
