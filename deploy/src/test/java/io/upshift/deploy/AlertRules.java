package io.upshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Prometheus rule files of deploy/prometheus/rules, read as data. */
final class AlertRules {

    static final Path DIRECTORY = Path.of("prometheus/rules");

    private AlertRules() {
    }

    /**
     * One rule: an alert (name is the alert name) or a recording rule (name is the recorded series).
     *
     * @param waitFor the alert's {@code for:}, zero when it has none or for a recording rule
     */
    record Rule(Path file, String group, String name, boolean alert, String expression, Duration waitFor,
            Map<String, String> labels, Map<String, String> annotations) {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : files()) {
            rules.addAll(read(file));
        }
        return rules;
    }

    static List<Rule> alerts() {
        return all().stream().filter(Rule::alert).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Rule> read(Path file) {
        Map<String, Object> document;
        try {
            document = new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                boolean alert = rule.containsKey("alert");
                rules.add(new Rule(file, (String) group.get("name"), (String) rule.get(alert ? "alert" : "record"), alert,
                        String.valueOf(rule.get("expr")), duration((String) rule.get("for")),
                        strings((Map<String, Object>) rule.get("labels")),
                        strings((Map<String, Object>) rule.get("annotations"))));
            }
        }
        return rules;
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, String.valueOf(value)));
        return copy;
    }

    /** A Prometheus duration such as 90s, 15m, 1h30m; zero for null. */
    static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        java.util.regex.Matcher part = java.util.regex.Pattern.compile("(\\d+)(ms|[smhdwy])").matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                break;
            }
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                case "w" -> Duration.ofDays(7 * amount);
                default -> Duration.ofDays(365 * amount);
            });
            end = part.end();
        }
        if (end != text.strip().length()) {
            throw new IllegalArgumentException("not a Prometheus duration: " + text);
        }
        return total;
    }
}
