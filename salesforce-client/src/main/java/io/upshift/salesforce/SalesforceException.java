package io.upshift.salesforce;

import java.util.List;

/**
 * A Salesforce call failed. The {@link Category} tells the caller what to do: back off and try
 * again ({@link Category#TRANSIENT}), fix the credentials ({@link Category#AUTHENTICATION}), or
 * fix the code or data that built the request ({@link Category#INVALID_REQUEST}).
 */
public class SalesforceException extends RuntimeException {

    /** What kind of failure this is, and so whether trying again can help. */
    public enum Category {
        /**
         * The API limit was reached ({@code REQUEST_LIMIT_EXCEEDED}), the server failed (5xx,
         * {@code UNKNOWN_EXCEPTION}, a row lock) or the network did: the same call may succeed later.
         */
        TRANSIENT,
        /** Login failed, or the session was rejected again right after a fresh login. */
        AUTHENTICATION,
        /**
         * Salesforce rejected the request itself ({@code MALFORMED_QUERY}, {@code INVALID_FIELD}, any
         * other 4xx): a bug or bad data; retrying the same request cannot help.
         */
        INVALID_REQUEST
    }

    private final Category category;
    private final int httpStatus;
    private final String errorCode;
    private final List<ApiError> errors;

    public SalesforceException(Category category, int httpStatus, String errorCode, String message,
                               List<ApiError> errors, Throwable cause) {
        super(message, cause);
        this.category = category;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public SalesforceException(Category category, int httpStatus, String errorCode, String message) {
        this(category, httpStatus, errorCode, message, List.of(), null);
    }

    public Category category() {
        return category;
    }

    public boolean isTransient() {
        return category == Category.TRANSIENT;
    }

    /** The HTTP status, or 0 when no response arrived (timeout, connection refused). */
    public int httpStatus() {
        return httpStatus;
    }

    /** Salesforce's error code ({@code REQUEST_LIMIT_EXCEEDED}, {@code MALFORMED_QUERY} …) or one of ours ({@code TIMEOUT}, {@code IO_ERROR}). */
    public String errorCode() {
        return errorCode;
    }

    /** Every error Salesforce listed in the response. */
    public List<ApiError> errors() {
        return errors;
    }
}
