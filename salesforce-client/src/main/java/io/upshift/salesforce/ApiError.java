package io.upshift.salesforce;

import java.util.List;

/**
 * One error as Salesforce reports it: {@code errorCode} (REST error list) or {@code statusCode}
 * (composite and save results), a message, and the fields it concerns.
 */
public record ApiError(String code, String message, List<String> fields) {

    public ApiError {
        code = code == null ? "UNKNOWN" : code;
        message = message == null ? "" : message;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public ApiError(String code, String message) {
        this(code, message, List.of());
    }

    @Override
    public String toString() {
        return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
    }
}
