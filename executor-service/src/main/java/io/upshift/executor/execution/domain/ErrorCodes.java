package io.upshift.executor.execution.domain;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Error codes and their classification. Salesforce's {@code PackagePushError.ErrorType} values
 * keep their spelling; failures outside a push get Upshift codes of the same style.
 */
public final class ErrorCodes {

    /** The package is not installed in the org, so there is nothing to upgrade. */
    public static final String PACKAGE_NOT_INSTALLED = "PackageNotInstalled";
    /** The campaign was halted or canceled. */
    public static final String CAMPAIGN_STOPPED = "CampaignStopped";
    /** The org's window closed before the push could start (or start again). */
    public static final String WINDOW_CLOSED = "WindowClosed";
    /** A gateway call took longer than allowed. */
    public static final String TIMEOUT = "Timeout";
    /** The gateway failed in a way it did not classify (a bug or an unexpected answer). */
    public static final String GATEWAY_ERROR = "GatewayError";

    /**
     * Salesforce's push error types with Upshift's classification. UnclassifiedError is taken as
     * transient: Salesforce uses it for internal errors, and a retry is bounded by the attempts
     * and the window, so trying again costs little and often helps.
     */
    private static final Map<String, ErrorCategory> PUSH_ERROR_TYPES = Map.of(
            "ApexTestFailure", ErrorCategory.PERMANENT,
            "DeployError", ErrorCategory.PERMANENT,
            "FeatureMissing", ErrorCategory.PERMANENT,
            "IneligibleUpgrade", ErrorCategory.PERMANENT,
            "PACError", ErrorCategory.PERMANENT,
            "LimitExceeded", ErrorCategory.TRANSIENT,
            "LockingFailure", ErrorCategory.TRANSIENT,
            "UnclassifiedError", ErrorCategory.TRANSIENT);

    private static final Set<String> UPSHIFT_CODES = Set.of(PACKAGE_NOT_INSTALLED, CAMPAIGN_STOPPED, WINDOW_CLOSED,
            TIMEOUT, GATEWAY_ERROR, "ServiceUnavailable", "RequestLimitExceeded", "ServerError");

    private ErrorCodes() {
    }

    /** The category of a {@code PackagePushError.ErrorType}, or empty for a type Salesforce does not document. */
    public static Optional<ErrorCategory> categoryOfPushError(String errorType) {
        return Optional.ofNullable(errorType == null ? null : PUSH_ERROR_TYPES.get(errorType));
    }

    /**
     * The code as a metric tag: known codes as they are, anything else as "Other", so a gateway
     * reporting free text cannot create unbounded series.
     */
    public static String tagValue(String errorCode) {
        if (errorCode == null) {
            return "none";
        }
        return PUSH_ERROR_TYPES.containsKey(errorCode) || UPSHIFT_CODES.contains(errorCode) ? errorCode : "Other";
    }
}
