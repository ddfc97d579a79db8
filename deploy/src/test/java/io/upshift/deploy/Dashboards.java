package io.upshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards of deploy/grafana/dashboards, read as data, and their PromQL: every panel
 * query with the dashboard's variables replaced by the values "All" stands for (a query
 * variable's {@code allValue}, {@code .*} by default) and Grafana's built-in variables by the
 * values a caller gives, so Prometheus can evaluate them as they are.
 */
final class Dashboards {

    static final Path DIRECTORY = Path.of("grafana/dashboards");
    /** Grafana's global variables the dashboards may use; a caller gives each a value. */
    static final Set<String> BUILT_INS = Set.of("__rate_interval", "__interval", "__range");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

    private Dashboards() {
    }

    record Dashboard(Path file, JsonNode json) {

        String uid() {
            return json.path("uid").asString("");
        }

        String title() {
            return json.path("title").asString("");
        }

        /** Every panel, rows' nested panels included (a collapsed row keeps its panels inside it). */
        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                panels.add(panel);
                panel.path("panels").forEach(panels::add);
            }
            return panels;
        }

        /** Panels that query a data source (not rows or text). */
        List<JsonNode> queryPanels() {
            return panels().stream().filter(p -> !Set.of("row", "text").contains(p.path("type").asString(""))).toList();
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }
    }

    /** One panel query, ready for Prometheus. */
    record Query(String dashboard, int panelId, String panel, String refId, String expression) {

        String where() {
            return dashboard + " / " + panel + " (panel " + panelId + ", " + refId + ")";
        }
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> {
                        try {
                            return new Dashboard(f, JSON.readTree(Files.readString(f)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel query of every dashboard, variables substituted. */
    static List<Query> queries(Map<String, String> builtIns) {
        List<Query> queries = new ArrayList<>();
        for (Dashboard dashboard : all()) {
            Map<String, String> values = new java.util.HashMap<>(builtIns);
            for (JsonNode variable : dashboard.variables()) {
                values.put(variable.path("name").asString(""), allValue(variable));
            }
            for (JsonNode panel : dashboard.queryPanels()) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(dashboard.title(), panel.path("id").asInt(0), panel.path("title").asString(""),
                            target.path("refId").asString(""), substitute(target.path("expr").asString(""), values)));
                }
            }
        }
        return queries;
    }

    /** What "All" means for a variable: its allValue, else every value ({@code .*}); a constant or custom one its value. */
    static String allValue(JsonNode variable) {
        String type = variable.path("type").asString("");
        if (Set.of("constant", "textbox", "custom").contains(type) && !variable.path("includeAll").asBoolean(false)) {
            return variable.path("query").isString() ? variable.path("query").asString("")
                    : variable.path("current").path("value").asString("");
        }
        String all = variable.path("allValue").asString("");
        return all.isEmpty() ? ".*" : all;
    }

    /** The variable names an expression uses ($name, ${name}, ${name:format}, [[name]]). */
    static Set<String> variablesIn(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(expression);
        while (matcher.find()) {
            names.add(name(matcher));
        }
        return names;
    }

    static String substitute(String expression, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = name(matcher);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + name + " in " + expression);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String name(Matcher matcher) {
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }

    /** {@code label_values(metric{…}, label)} of a variable: the selector and the label. */
    record LabelValues(String series, String label) {

        static LabelValues of(String query) {
            Matcher matcher = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\s*\\)").matcher(query.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a label_values(series, label) query: " + query);
            }
            return new LabelValues(matcher.group(1).strip(), matcher.group(2));
        }
    }
}
