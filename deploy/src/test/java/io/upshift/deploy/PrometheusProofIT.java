package io.upshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.demo.DemoResult;
import io.upshift.demo.DemoScenario;
import io.upshift.demo.LocalUpshift;
import io.upshift.deploy.AlertRules.Rule;
import io.upshift.deploy.Dashboards.Dashboard;
import io.upshift.deploy.Dashboards.LabelValues;
import io.upshift.deploy.Dashboards.Query;
import io.upshift.deploy.PrometheusServer.Result;
import io.upshift.devstack.DevStack;
import io.upshift.schemas.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards and alerts, proven against the running services: the demo's stack (the planner,
 * two executors and the notifier on the devstack, in this JVM) runs a campaign over a simulated
 * fleet while a real Prometheus scrapes each service's {@code /actuator/prometheus} every 2 s
 * with our rules loaded. Then every dashboard panel query, every dashboard variable and every
 * rule is evaluated through Prometheus' HTTP API, and none may fail or come back empty:
 * <ul>
 * <li>a panel query with its variables set to "All" ({@code .*}), {@code $__rate_interval} 30s and
 *     {@code $__range} 10m must return series;</li>
 * <li>a variable's {@code label_values(series, label)} must find values of the label;</li>
 * <li>a recording rule's expression must return series, and so must the series it records;</li>
 * <li>an alert's expression must evaluate without error — it is a condition, and a healthy run
 *     rightly returns nothing — and what lies under the condition must return series: each
 *     operand of a top-level {@code and}/{@code or} (not the filter after {@code unless}) with its
 *     top-level comparison stripped ({@link PromQl#conditionOperands}), and each series selector
 *     of the expression on its own ({@link PromQl#selectors}); a rule labelled
 *     {@code gateway: salesforce} only has to evaluate (the demo runs the simulated fleet).</li>
 * </ul>
 * Records no service can decode are written to the commands and outcomes topics first, so the
 * dead-letter series exist, as they would after a real poison record. Skips where the
 * {@code prometheus} binary is not installed.
 */
@EnabledIf(value = "prometheusInstalled", disabledReason = "prometheus is not installed (Debian: apt-get install "
        + "--no-install-recommends prometheus; .ci/run does it)")
class PrometheusProofIT {

    private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "30s", "__interval", "5s",
            "__range", "10m");
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    /** Kafka client metrics that appear after partitions are assigned show up at Micrometer's next refresh (60 s). */
    private static final Duration SERIES_APPEAR_WITHIN = Duration.ofMinutes(4);

    private static LocalUpshift upshift;
    private static CompletableFuture<DemoResult> campaign;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startTheStackWithACampaignAndPrometheus() {
        DevStack stack = DevStack.shared();
        // A fleet whose seed gives permanent and transient failures (errors, retries) in every wave.
        DemoScenario.Options options = DemoScenario.Options.defaults().withOrgs(1000).withSeed(3).withRun(701);
        upshift = LocalUpshift.start(stack, DemoScenario.settings(options, 2).withDatabase("proof"));
        DemoScenario scenario = new DemoScenario(upshift, options, new PrintStream(System.out, true), Clock.systemUTC());
        campaign = CompletableFuture.supplyAsync(() -> scenario.run(Duration.ofMinutes(5)));
        deadLetterRecordsNobodyCanDecode(stack);

        Map<String, List<String>> targets = new LinkedHashMap<>();
        upshift.metricsUrls().forEach((name, url) ->
                targets.computeIfAbsent("upshift-" + name.replaceAll("-\\d+$", ""), k -> new ArrayList<>()).add(url));
        prometheus = PrometheusServer.start(targets, AlertRules.files(), SCRAPE);
        System.out.println("prometheus at " + prometheus.url() + " with:\n" + prometheus.config());

        await("prometheus ready").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(prometheus::ready);
        // every service scraped a few times, and a campaign running while it is
        await("four targets scraped a few times").atMost(Duration.ofMinutes(1)).pollInterval(SCRAPE)
                .until(() -> prometheus.query("count_over_time(up[1m]) >= 5 and up == 1").series() == 4);
        await("a campaign running").atMost(Duration.ofMinutes(2)).pollInterval(SCRAPE)
                .until(() -> prometheus.query("upshift_planner_campaigns{state=\"running\"} >= 1").hasSeries());
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (campaign != null) {
            try {
                DemoResult result = campaign.get(5, TimeUnit.MINUTES);
                System.out.println("the proof's campaign ended " + result.state());
            } catch (Exception e) {
                System.out.println("the proof's campaign did not end cleanly: " + e);
            }
        }
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void everyDashboardPanelQueryReturnsSeries() {
        List<Query> queries = Dashboards.queries(BUILT_INS);
        assertThat(queries).hasSizeGreaterThan(50);

        await("every panel query answered with series").atMost(SERIES_APPEAR_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    List<String> failures = new ArrayList<>();
                    for (Query query : queries) {
                        Result result = prometheus.query(query.expression());
                        if (!result.hasSeries()) {
                            failures.add(query.where() + ": " + result.describe() + "\n    " + query.expression());
                        }
                    }
                    assertThat(failures).as("panel queries without series").isEmpty();
                });
        System.out.printf("all %d panel queries of %d dashboards returned series%n", queries.size(), Dashboards.all().size());
    }

    @Test
    void everyDashboardVariableHasValues() {
        await("every variable has values").atMost(SERIES_APPEAR_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    List<String> failures = new ArrayList<>();
                    for (Dashboard dashboard : Dashboards.all()) {
                        for (JsonNode variable : dashboard.variables()) {
                            LabelValues values = LabelValues.of(variable.path("definition").asString(""));
                            String series = Dashboards.substitute(values.series(), allValues(dashboard));
                            Result result = prometheus.query("count by (" + values.label() + ") (" + series + ")");
                            if (!result.hasSeries()) {
                                failures.add(dashboard.title() + " $" + variable.path("name").asString("") + ": "
                                        + result.describe());
                            }
                        }
                    }
                    assertThat(failures).as("variables without values").isEmpty();
                });
    }

    @Test
    void everyRuleEvaluatesAndWhatItWatchesExists() {
        List<Rule> rules = AlertRules.all();
        List<String> report = new ArrayList<>();
        await("every rule's series present").atMost(SERIES_APPEAR_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    report.clear();
                    List<String> failures = new ArrayList<>();
                    for (Rule rule : rules) {
                        Result whole = prometheus.query(rule.expression());
                        if (whole.error() != null) {
                            failures.add(rule.name() + ": " + whole.describe());
                            continue;
                        }
                        if ("salesforce".equals(rule.labels().get("gateway"))) {
                            // Only an executor on the Salesforce gateway exports its series; the demo runs the
                            // simulated fleet: the expression must evaluate, its series cannot be there.
                            report.add(rule.name() + ": evaluates (" + whole.describe() + "); Salesforce gateway only");
                            continue;
                        }
                        if (!rule.alert()) {
                            check(failures, rule.name(), "the expression", whole);
                            check(failures, rule.name(), "the recorded series", prometheus.query(rule.name()));
                            report.add(rule.name() + ": " + whole.describe());
                            continue;
                        }
                        StringBuilder line = new StringBuilder(rule.name() + ": condition " + whole.describe() + " now");
                        for (String operand : PromQl.conditionOperands(rule.expression())) {
                            Result result = prometheus.query(operand);
                            check(failures, rule.name(), "under the condition: " + operand, result);
                            line.append("; [").append(operand.replaceAll("\\s+", " ")).append("] ").append(result.describe());
                        }
                        for (String selector : PromQl.selectors(rule.expression())) {
                            check(failures, rule.name(), "selector " + selector, prometheus.query(selector));
                        }
                        report.add(line.toString());
                    }
                    assertThat(failures).as("rules with errors or missing series").isEmpty();
                });
        report.forEach(System.out::println);
        assertThat(report).hasSize(rules.size());
    }

    static boolean prometheusInstalled() {
        return Tool.PROMETHEUS.installed();
    }

    private static void check(List<String> failures, String rule, String what, Result result) {
        if (!result.hasSeries()) {
            failures.add(rule + ", " + what + ": " + result.describe());
        }
    }

    private static Map<String, String> allValues(Dashboard dashboard) {
        Map<String, String> values = new LinkedHashMap<>(BUILT_INS);
        dashboard.variables().forEach(v -> values.put(v.path("name").asString(""), Dashboards.allValue(v)));
        return values;
    }

    /** Bytes that are not Avro in the Confluent wire format, on the topics the services consume. */
    private static void deadLetterRecordsNobodyCanDecode(DevStack stack) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : List.of(Topics.UPGRADE_COMMANDS.name(), Topics.UPGRADE_OUTCOMES.name())) {
                producer.send(new ProducerRecord<>(topic, "00D000000000000AAA",
                        "not an Avro record".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not write the poison records", e);
        }
    }
}
