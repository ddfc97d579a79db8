package io.upshift.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Turns an RFC 9457 problem detail into one line a person reads: title, detail and the per-field errors. */
final class Problems {

    /** Past this many field or line errors the line says how many more there are (import lists them all apart). */
    static final int ERRORS_IN_LINE = 5;

    private Problems() {
    }

    static String line(int status, JsonNode problem, String fallbackBody) {
        if (problem == null || !problem.isObject()) {
            String body = fallbackBody == null ? "" : fallbackBody.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (body.isEmpty() ? "" : ": " + abbreviate(body, 300));
        }
        StringBuilder line = new StringBuilder();
        String title = text(problem, "title");
        line.append(title == null ? "HTTP " + status : title).append(" (").append(status).append(")");
        String detail = text(problem, "detail");
        List<String> errors = errors(problem);
        if (detail != null && !(errors.size() == 1 && errors.getFirst().equals(detail))) {
            line.append(": ").append(detail);
        }
        if (!errors.isEmpty()) {
            line.append(detail == null || errors.size() == 1 && errors.getFirst().equals(detail) ? ": " : " — ");
            line.append(String.join("; ", errors.subList(0, Math.min(ERRORS_IN_LINE, errors.size()))));
            if (errors.size() > ERRORS_IN_LINE) {
                line.append("; and ").append(errors.size() - ERRORS_IN_LINE).append(" more");
            }
        }
        return line.toString();
    }

    /** Each error as "field: message" or "line 3, org_id: reason". */
    static List<String> errors(JsonNode problem) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String message = first(error, "message", "reason");
            if (error.has("line")) {
                String column = text(error, "column");
                errors.add("line " + error.path("line").asInt() + (column == null ? "" : ", " + column) + ": " + message);
            } else if (error.has("field")) {
                errors.add(text(error, "field") + ": " + message);
            } else if (message != null) {
                errors.add(message);
            } else {
                errors.add(error.toString());
            }
        }
        return errors;
    }

    private static String first(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
