package io.upshift.executor.execution.domain;

/**
 * A gateway call could not be made or answered (HTTP 5xx, request limit, timeout, a rejected
 * job insert). Carries the same classification as a failed push.
 */
public class GatewayException extends RuntimeException {

    private final String errorCode;
    private final ErrorCategory category;

    public GatewayException(String errorCode, ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.category = category;
    }

    public GatewayException(String errorCode, ErrorCategory category, String message) {
        this(errorCode, category, message, null);
    }

    public String errorCode() {
        return errorCode;
    }

    public ErrorCategory category() {
        return category;
    }
}
