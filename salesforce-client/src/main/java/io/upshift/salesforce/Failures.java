package io.upshift.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what went wrong in a call into a {@link SalesforceException} with the right category.
 * Salesforce's REST errors are a JSON list of {@code {"message","errorCode","fields"}}.
 */
final class Failures {

    /** Error codes that mean "the same call may work later", whatever the HTTP status. */
    static final Set<String> TRANSIENT_CODES = Set.of(
            "REQUEST_LIMIT_EXCEEDED", "UNKNOWN_EXCEPTION", "SERVER_UNAVAILABLE", "UNABLE_TO_LOCK_ROW",
            "QUERY_TIMEOUT", "CONCURRENT_REQUEST_LIMIT_EXCEEDED");

    private Failures() {
    }

    static SalesforceException fromIo(String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SalesforceException e) {
            return e;
        }
        if (cause instanceof HttpTimeoutException) {
            return new SalesforceException(SalesforceException.Category.TRANSIENT, 0, "TIMEOUT",
                    operation + " timed out: " + cause.getMessage(), List.of(), cause);
        }
        if (cause instanceof IOException) {
            return new SalesforceException(SalesforceException.Category.TRANSIENT, 0, "IO_ERROR",
                    operation + " failed before Salesforce answered: " + cause, List.of(), cause);
        }
        return new SalesforceException(SalesforceException.Category.TRANSIENT, 0, "CLIENT_ERROR",
                operation + " failed: " + cause, List.of(), cause);
    }

    static SalesforceException fromResponse(String operation, int status, String body, ObjectMapper json) {
        List<ApiError> errors = parseErrors(body, json);
        String code = errors.isEmpty() ? "HTTP_" + status : errors.getFirst().code();
        boolean transientCode = errors.stream().anyMatch(e -> TRANSIENT_CODES.contains(e.code()));
        SalesforceException.Category category;
        if (status >= 500 || status == 429 || transientCode) {
            category = SalesforceException.Category.TRANSIENT;
        } else if (status == 401) {
            category = SalesforceException.Category.AUTHENTICATION;
        } else {
            category = SalesforceException.Category.INVALID_REQUEST;
        }
        String message = operation + " failed with HTTP " + status
                + (errors.isEmpty() ? "" : ": " + errors.stream().map(ApiError::toString).toList());
        return new SalesforceException(category, status, code, message, errors, null);
    }

    static List<ApiError> parseErrors(String body, ObjectMapper json) {
        List<ApiError> errors = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return errors;
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            return errors;
        }
        if (node == null) {
            return errors;
        }
        if (node.isArray()) {
            node.forEach(e -> errors.add(toError(e)));
        } else if (node.isObject() && node.has("errorCode")) {
            errors.add(toError(node));
        } else if (node.isObject() && node.has("results")) {
            node.get("results").forEach(r -> r.path("errors").forEach(e -> errors.add(toError(e))));
        }
        return errors;
    }

    static ApiError toError(JsonNode e) {
        String code = e.hasNonNull("errorCode") ? e.get("errorCode").asText()
                : e.hasNonNull("statusCode") ? e.get("statusCode").asText() : null;
        List<String> fields = new ArrayList<>();
        e.path("fields").forEach(f -> fields.add(f.asText()));
        return new ApiError(code, e.path("message").asText(null), fields);
    }

    /** Salesforce's own failure ("Something bad has happened"), not a problem with the record. */
    static boolean isInternalError(ApiError error) {
        return "UNKNOWN_EXCEPTION".equals(error.code())
                || error.message().toLowerCase(java.util.Locale.ROOT).contains("something bad has happened");
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
