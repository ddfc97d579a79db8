package io.upshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.upshift.deploy.AlertRules.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules are valid for Prometheus (promtool check rules), pass their unit tests (promtool
 * test rules, deploy/prometheus/tests), and follow our rules: every alert has a severity, a
 * summary, a description, a runbook section that exists, a {@code for:} that rides out a scrape
 * or two, and unit tests in which it both fires and stays quiet.
 */
class PrometheusRulesTest {

    private static final Path TESTS = Path.of("prometheus/tests");
    private static final Path RUNBOOK = Path.of("RUNBOOK.md");
    private static final Set<String> ALERTS = Set.of("UpshiftCampaignHalted", "UpshiftWaveFailureRateAboveGate",
            "UpshiftExecutorConsumerLagGrowing", "UpshiftDeadLetterRecords", "UpshiftOutboxLagging",
            "UpshiftNotifierOldestUnsentEmail", "UpshiftServiceDown", "UpshiftNotifierEmailsFailing",
            "UpshiftPlannerDispatchLoopStalled");

    @Test
    void promtoolAcceptsTheRules() {
        assumeThat(Tool.PROMTOOL.installed()).as(Tool.PROMTOOL.missing()).isTrue();
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        AlertRules.files().forEach(f -> arguments.add(f.toString()));

        Tool.Result result = Tool.PROMTOOL.run(Duration.ofMinutes(1), arguments.toArray(String[]::new));

        assertThat(result.exitCode()).as("promtool check rules:%n%s", result.output()).isZero();
        assertThat(result.output()).doesNotContain("WARNING");
    }

    @Test
    void everyAlertPassesItsPromtoolUnitTests() {
        assumeThat(Tool.PROMTOOL.installed()).as(Tool.PROMTOOL.missing()).isTrue();
        List<String> arguments = new ArrayList<>(List.of("test", "rules"));
        testFiles().forEach(f -> arguments.add(f.toString()));

        Tool.Result result = Tool.PROMTOOL.run(Duration.ofMinutes(2), arguments.toArray(String[]::new));

        assertThat(result.exitCode()).as("promtool test rules:%n%s", result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void promtoolAcceptsTheScrapeConfigs() {
        assumeThat(Tool.PROMTOOL.installed()).as(Tool.PROMTOOL.missing()).isTrue();
        // Debian builds Prometheus without Kubernetes discovery, so prometheus-kubernetes.yml is
        // checked by KubernetesScrapeConfigTest instead.
        Tool.Result result = Tool.PROMTOOL.run(Duration.ofMinutes(1), "check", "config",
                "prometheus/prometheus-compose.yml");

        assertThat(result.exitCode()).as("promtool check config:%n%s", result.output()).isZero();
    }

    @Test
    void coversWhatTheIssueAsksFor() {
        assertThat(AlertRules.alerts()).extracting(Rule::name).containsAll(ALERTS).doesNotHaveDuplicates();
    }

    @Test
    void givesEveryAlertASeveritySummaryDescriptionAndRunbookSection() {
        Set<String> sections = runbookAnchors();
        for (Rule alert : AlertRules.alerts()) {
            assertThat(alert.labels().get("severity")).as("%s severity", alert.name()).isIn("critical", "warning");
            assertThat(alert.annotations().get("summary")).as("%s summary", alert.name()).isNotBlank();
            assertThat(alert.annotations().get("description")).as("%s description", alert.name()).isNotBlank();
            String runbook = alert.annotations().get("runbook_url");
            assertThat(runbook).as("%s runbook_url", alert.name())
                    .startsWith("https://").contains("/deploy/RUNBOOK.md#");
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            assertThat(anchor).as("%s links to its own section", alert.name())
                    .isEqualTo(alert.name().toLowerCase(Locale.ROOT));
            assertThat(sections).as("RUNBOOK.md sections").contains(anchor);
        }
    }

    @Test
    void hasARunbookSectionForEveryAlertAndNoOther() {
        Set<String> alerts = new LinkedHashSet<>();
        AlertRules.alerts().forEach(a -> alerts.add(a.name().toLowerCase(Locale.ROOT)));

        assertThat(runbookAnchors()).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void waitsLongEnoughNotToFlap() {
        for (Rule alert : AlertRules.alerts()) {
            assertThat(alert.waitFor()).as("%s for:", alert.name()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void testsEveryAlertFiringAndNotFiring() {
        Map<String, boolean[]> seen = new HashMap<>(); // [fires, stays quiet]
        for (Map<String, Object> test : unitTests()) {
            for (Map<String, Object> check : Manifests.<List<Map<String, Object>>>path(test, "alert_rule_test") == null
                    ? List.<Map<String, Object>>of() : Manifests.<List<Map<String, Object>>>path(test, "alert_rule_test")) {
                boolean[] flags = seen.computeIfAbsent((String) check.get("alertname"), k -> new boolean[2]);
                List<?> expected = (List<?>) check.get("exp_alerts");
                flags[expected == null || expected.isEmpty() ? 1 : 0] = true;
            }
        }
        for (Rule alert : AlertRules.alerts()) {
            boolean[] flags = seen.getOrDefault(alert.name(), new boolean[2]);
            assertThat(flags[0]).as("%s has a test in which it fires", alert.name()).isTrue();
            assertThat(flags[1]).as("%s has a test in which it stays quiet", alert.name()).isTrue();
        }
    }

    @Test
    void everyRecordingRuleIsUsedAndTested() {
        List<Rule> recordings = AlertRules.all().stream().filter(r -> !r.alert()).toList();
        String alertExpressions = String.join("\n", AlertRules.alerts().stream().map(Rule::expression).toList());
        String tests = String.join("\n", testFiles().stream().map(PrometheusRulesTest::read).toList());

        assertThat(recordings).isNotEmpty();
        assertThat(recordings).allSatisfy(r -> {
            assertThat(r.name()).matches("[a-z_]+:[a-z_]+:[a-z_]+");
            assertThat(alertExpressions).as("%s is used by an alert", r.name()).contains(r.name());
            assertThat(tests).as("%s is tested", r.name()).contains("expr: " + r.name());
        });
    }

    /** GitHub's anchors of RUNBOOK.md's second-level headings: lower case, spaces as hyphens, punctuation dropped. */
    static Set<String> runbookAnchors() {
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : read(RUNBOOK).lines().toList()) {
            if (line.startsWith("## ")) {
                anchors.add(line.substring(3).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> unitTests() {
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Path file : testFiles()) {
            Map<String, Object> document = new Yaml().load(read(file));
            List<String> ruleFiles = (List<String>) document.get("rule_files");
            assertThat(ruleFiles).as("%s loads the rules", file).isNotEmpty();
            ruleFiles.forEach(r -> assertThat(file.getParent().resolve(r)).as("%s rule file", file).exists());
            tests.addAll((List<Map<String, Object>>) document.get("tests"));
        }
        return tests;
    }

    private static List<Path> testFiles() {
        try (Stream<Path> files = Files.list(TESTS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
