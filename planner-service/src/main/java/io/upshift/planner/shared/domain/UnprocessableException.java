package io.upshift.planner.shared.domain;

import java.util.List;

/**
 * The request is well-formed but cannot be carried out, for reasons the caller can read and fix
 * (a downgrade, an empty selection, a window in the past, bad CSV rows): HTTP 422 with the list.
 */
public class UnprocessableException extends RuntimeException {

    private final List<Reason> reasons;

    public UnprocessableException(String message, List<Reason> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }

    /**
     * One reason.
     *
     * @param field the request field (or CSV column) it is about, or null
     * @param line the CSV line it is about, or null
     * @param message what is wrong, in words
     */
    public record Reason(String field, Integer line, String message) {

        public static Reason of(String field, String message) {
            return new Reason(field, null, message);
        }
    }
}
