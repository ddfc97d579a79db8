package io.upshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.upshift.deploy.Dashboards.Dashboard;
import io.upshift.deploy.Dashboards.LabelValues;
import io.upshift.deploy.Dashboards.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards are well-formed for provisioning: unique ids, every panel on the
 * provisioned Prometheus data source with at least one query, no variable used that is not
 * defined, panels that do not overlap. Their queries are extracted (variables substituted) to
 * {@code target/dashboard-queries.json}, checked as PromQL by promtool, and evaluated against the
 * running services by {@link PrometheusProofIT}.
 */
class DashboardsTest {

    /** Values for Grafana's built-in variables when a query is extracted for checking. */
    static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "1h");

    @Test
    void providesOneDashboardPerConcern() {
        assertThat(Dashboards.all()).extracting(Dashboard::uid)
                .containsExactlyInAnyOrder("upshift-rollout", "upshift-executors", "upshift-notifier", "upshift-runtime")
                .doesNotHaveDuplicates();
        assertThat(Dashboards.all()).allSatisfy(d -> {
            assertThat(d.title()).startsWith("Upshift / ");
            assertThat(d.json().path("tags").toString()).contains("\"upshift\"");
            assertThat(d.json().path("schemaVersion").asInt(0)).isPositive();
        });
    }

    @Test
    void givesEveryPanelAUniqueId() {
        for (Dashboard dashboard : Dashboards.all()) {
            List<Integer> ids = dashboard.panels().stream().map(p -> p.path("id").asInt(0)).toList();

            assertThat(ids).as(dashboard.title()).doesNotContain(0).doesNotHaveDuplicates();
        }
    }

    @Test
    void queriesTheProvisionedPrometheusFromEveryPanel() throws IOException {
        String uid = provisionedDatasourceUid();
        for (Dashboard dashboard : Dashboards.all()) {
            assertThat(dashboard.queryPanels()).as(dashboard.title()).isNotEmpty();
            for (JsonNode panel : dashboard.queryPanels()) {
                String where = dashboard.title() + " / " + panel.path("title").asString("");
                assertThat(panel.path("title").asString("")).as("title of a panel in %s", dashboard.title()).isNotBlank();
                assertThat(panel.path("datasource").path("uid").asString("")).as(where).isEqualTo(uid);
                assertThat(panel.path("targets").size()).as("%s has no query", where).isPositive();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString("")).as("%s query", where).isNotBlank();
                    assertThat(refIds.add(target.path("refId").asString(""))).as("%s: refId unique", where).isTrue();
                    if (target.has("datasource")) {
                        assertThat(target.path("datasource").path("uid").asString("")).as(where).isEqualTo(uid);
                    }
                }
            }
        }
    }

    @Test
    void definesEveryVariableItUsesAndUsesEveryVariableItDefines() {
        for (Dashboard dashboard : Dashboards.all()) {
            Set<String> defined = new HashSet<>();
            StringBuilder allText = new StringBuilder();
            for (JsonNode variable : dashboard.variables()) {
                defined.add(variable.path("name").asString(""));
                if (variable.path("type").asString("").equals("query")) {
                    assertThat(variable.path("datasource").path("uid").asString("")).isEqualTo("prometheus");
                    String query = variable.path("definition").asString("");
                    LabelValues.of(query);
                    allText.append(query).append('\n');
                }
            }
            for (JsonNode panel : dashboard.queryPanels()) {
                for (JsonNode target : panel.path("targets")) {
                    allText.append(target.path("expr").asString("")).append('\n');
                }
            }
            Set<String> used = Dashboards.variablesIn(allText.toString());
            used.removeAll(Dashboards.BUILT_INS);

            assertThat(defined).as("%s defines the variables its queries use", dashboard.title()).containsAll(used);
            assertThat(used).as("%s uses every variable it defines", dashboard.title()).containsAll(defined);
            assertThat(defined).as("%s lets a person pick instances", dashboard.title()).contains("instance");
        }
        assertThat(Dashboards.all().stream().filter(d -> d.uid().equals("upshift-rollout")).findFirst().orElseThrow()
                .variables()).extracting(v -> v.path("name").asString("")).contains("campaign");
    }

    @Test
    void laysPanelsOutWithoutOverlap() {
        for (Dashboard dashboard : Dashboards.all()) {
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode panel : dashboard.panels()) {
                JsonNode grid = panel.path("gridPos");
                int[] box = {grid.path("x").asInt(-1), grid.path("y").asInt(-1), grid.path("w").asInt(0), grid.path("h").asInt(0)};
                assertThat(box[0]).as("%s / %s x", dashboard.title(), panel.path("title")).isBetween(0, 23);
                assertThat(box[0] + box[2]).as("%s / %s right edge", dashboard.title(), panel.path("title")).isBetween(1, 24);
                assertThat(box[3]).isPositive();
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    assertThat(overlap).as("%s / %s overlaps another panel", dashboard.title(), panel.path("title"))
                            .isFalse();
                }
                boxes.add(box);
            }
        }
    }

    @Test
    void extractsEveryQueryWithItsVariablesSubstituted() throws IOException {
        List<Query> queries = Dashboards.queries(BUILT_INS);

        int targets = Dashboards.all().stream().flatMap(d -> d.queryPanels().stream())
                .mapToInt(p -> p.path("targets").size()).sum();
        assertThat(queries).hasSize(targets);
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.expression()).as(q.where()).doesNotContain("$").doesNotContain("[[");
            assertThat(PromQl.selectors(q.expression())).as("%s selects no series", q.where()).isNotEmpty();
        });
        assertThat(queries).anySatisfy(q -> assertThat(q.expression()).contains("campaign=~\".*\""));

        // the form the proof (and a person) can use: one entry per query
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Query query : queries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dashboard", query.dashboard());
            entry.put("panelId", query.panelId());
            entry.put("panel", query.panel());
            entry.put("refId", query.refId());
            entry.put("expr", query.expression());
            entries.add(entry);
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/dashboard-queries.json"),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(entries));
    }

    @Test
    void writesOnlyQueriesThatPromtoolParses() throws IOException {
        assumeThat(Tool.PROMTOOL.installed()).as(Tool.PROMTOOL.missing()).isTrue();
        // promtool parses PromQL offline when it is a rule's expression: one recording rule per query
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Query query : Dashboards.queries(BUILT_INS)) {
            rules.add(Map.of("record", "dashboard:panel_" + query.panelId() + "_" + query.refId(),
                    "expr", query.expression()));
        }
        for (Dashboard dashboard : Dashboards.all()) {
            for (JsonNode variable : dashboard.variables()) {
                LabelValues values = LabelValues.of(variable.path("definition").asString(""));
                rules.add(Map.of("record", "dashboard:variable_" + variable.path("name").asString(""),
                        "expr", Dashboards.substitute(values.series(), Map.of("application", ".*"))));
            }
        }
        Path file = Path.of("target/dashboard-queries.rules.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules)))));

        Tool.Result result = Tool.PROMTOOL.run(Duration.ofMinutes(1), "check", "rules", file.toString());

        assertThat(result.exitCode()).as("promtool check rules %s:%n%s", file, result.output()).isZero();
    }

    @Test
    void isProvisionedFromTheFolderDockerComposeMounts() throws IOException {
        Map<String, Object> provider = Manifests.path(new Yaml().load(Files.readString(
                Path.of("grafana/provisioning/dashboards/upshift.yml"))), "providers", 0);
        String mounted = Manifests.path(Manifests.parse(Files.readString(Path.of("docker-compose.yml"))).documents().getFirst(),
                "services", "grafana", "volumes", 1);

        assertThat(mounted).isEqualTo("./grafana/dashboards:" + Manifests.path(provider, "options", "path") + ":ro");
    }

    static String provisionedDatasourceUid() throws IOException {
        Map<String, Object> datasources = new Yaml().load(Files.readString(
                Path.of("grafana/provisioning/datasources/prometheus.yml")));
        return Manifests.path(datasources, "datasources", 0, "uid");
    }
}
