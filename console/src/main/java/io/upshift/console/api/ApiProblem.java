package io.upshift.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API call answered with an error: the status and the RFC 9457 problem details it sent, reduced to
 * what a person reads (title, detail, and each field error or bad line).
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final List<String> errors;
    private final Map<String, Object> body;

    public ApiProblem(int status, String title, String detail, List<String> errors, Map<String, Object> body) {
        super(status + " " + title + ": " + detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.body = body == null ? Map.of() : body;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, Object> body() {
        return body;
    }

    /** One paragraph for the page: what went wrong, in the API's words, with a hint for 403 and 409. */
    public String explanation() {
        String hint = switch (status) {
            case 401 -> " Your sign-in is no longer accepted: sign in again.";
            case 403 -> " Your role does not allow this.";
            case 409 -> " The campaign changed meanwhile: look at it again and decide anew.";
            default -> "";
        };
        String text = detail == null || detail.isBlank() ? title : detail.strip();
        return hint.isEmpty() || text.endsWith(".") ? text + hint : text + "." + hint;
    }

    public static List<String> errorsOf(Object raw) {
        List<String> lines = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    StringBuilder line = new StringBuilder();
                    if (map.get("line") != null) {
                        line.append("line ").append(map.get("line")).append(": ");
                    }
                    Object field = map.get("field") != null ? map.get("field") : map.get("column");
                    if (field != null) {
                        line.append(field).append(" ");
                    }
                    Object message = map.get("message") != null ? map.get("message") : map.get("reason");
                    line.append(message == null ? map.toString() : message);
                    lines.add(line.toString().strip());
                } else if (item != null) {
                    lines.add(item.toString());
                }
            }
        }
        return lines;
    }
}
