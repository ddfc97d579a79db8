package io.upshift.resilience;

import java.util.Map;

/** Reads samples out of a {@code /actuator/prometheus} page. */
final class Prometheus {

    private Prometheus() {
    }

    /**
     * The sum of every sample of the metric whose labels include all of {@code labels}
     * (0 when there is none yet: a counter appears on its first increment).
     */
    static double sum(String page, String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : page.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
            if (!name.equals(metric)) {
                continue;
            }
            String labelText = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
            boolean matches = labels.entrySet().stream()
                    .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    static double sum(String page, String metric) {
        return sum(page, metric, Map.of());
    }
}
