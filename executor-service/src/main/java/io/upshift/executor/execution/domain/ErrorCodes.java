package io.upshift.executor.execution.domain;

import io.upshift.schemas.PushErrorTypes;
import java.util.Optional;
import java.util.Set;

/**
 * Error codes and their classification (a push error type's class comes from {@link PushErrorTypes}). Salesforce's {@code PackagePushError.ErrorType} values
 * keep their spelling; failures outside a push get Upshift codes of the same style.
 */
public final class ErrorCodes {

    /** The package is not installed in the org, so there is nothing to upgrade. */
    public static final String PACKAGE_NOT_INSTALLED = "PackageNotInstalled";
    /** The campaign was halted or canceled. */
    public static final String CAMPAIGN_STOPPED = "CampaignStopped";
    /** The org's window closed before the push could start (or start again). */
    public static final String WINDOW_CLOSED = "WindowClosed";
    /** The subscriber blocks push upgrades of the package (PushUpgradeCustomization), seen just before the push. */
    public static final String BLOCKED_BY_SUBSCRIBER = "BlockedBySubscriber";
    /** A gateway call took longer than allowed. */
    public static final String TIMEOUT = "Timeout";
    /** The gateway failed in a way it did not classify (a bug or an unexpected answer). */
    public static final String GATEWAY_ERROR = "GatewayError";

    private static final Set<String> UPSHIFT_CODES = Set.of(PACKAGE_NOT_INSTALLED, CAMPAIGN_STOPPED, WINDOW_CLOSED,
            BLOCKED_BY_SUBSCRIBER, TIMEOUT, GATEWAY_ERROR, "ServiceUnavailable", "RequestLimitExceeded", "ServerError");

    private ErrorCodes() {
    }

    /**
     * The category of a {@code PackagePushError.ErrorType} from the one table both gateways use
     * ({@link PushErrorTypes}), or empty for a type Salesforce does not document.
     */
    public static Optional<ErrorCategory> categoryOfPushError(String errorType) {
        return PushErrorTypes.isTransient(errorType)
                .map(isTransient -> isTransient ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT);
    }

    /**
     * The code as a metric tag: known codes as they are, anything else as "Other", so a gateway
     * reporting free text cannot create unbounded series.
     */
    public static String tagValue(String errorCode) {
        if (errorCode == null) {
            return "none";
        }
        return PushErrorTypes.all().contains(errorCode) || UPSHIFT_CODES.contains(errorCode) ? errorCode : "Other";
    }
}
