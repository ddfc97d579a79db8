package io.upshift.executor.gateway.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.ApiError;
import io.upshift.salesforce.SalesforceException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps what Salesforce says to the executor's results and errors: a failed job's
 * {@code PackagePushError} rows, a refused job insert, a canceled job, and failed calls.
 */
final class PushErrors {

    /** The error type of an org whose push job Salesforce refused to insert. */
    static final String JOB_REJECTED = "PushJobRejected";
    /** The error type of a job canceled in Salesforce (someone canceled its push request). */
    static final String PUSH_CANCELED = "PushCanceled";
    private static final String UNCLASSIFIED = "UnclassifiedError";

    private PushErrors() {
    }

    /**
     * The org's result from its PackagePushError rows: the first of severity Error decides, its class
     * from the one table ({@link ErrorCodes#categoryOfPushError}, a type Salesforce does not document
     * is PERMANENT). Whatever the class, a failed job is its command's outcome: the runner does not push
     * again for the command (a LockingFailure may well pass later, but that is a person's retry: a new
     * command).
     */
    static UpgradeResult.Failed failure(List<JsonNode> errors) {
        if (errors.isEmpty()) {
            return new UpgradeResult.Failed(UNCLASSIFIED, categoryOf(UNCLASSIFIED),
                    "The push failed without an error from Salesforce", "");
        }
        JsonNode error = errors.stream().filter(e -> "Error".equalsIgnoreCase(e.path("ErrorSeverity").asText()))
                .findFirst().orElse(errors.getFirst());
        String type = error.path("ErrorType").asText(UNCLASSIFIED);
        String title = error.path("ErrorTitle").asText("");
        String message = error.path("ErrorMessage").asText("");
        String details = error.path("ErrorDetails").asText("");
        String detailText = details.isBlank() ? message : message.isBlank() ? details : message + "\n" + details;
        return new UpgradeResult.Failed(type, categoryOf(type), title.isBlank() ? message : title,
                errors.size() > 1 ? detailText + "\n(" + errors.size() + " errors reported)" : detailText);
    }

    private static ErrorCategory categoryOf(String errorType) {
        return ErrorCodes.categoryOfPushError(errorType).orElse(ErrorCategory.PERMANENT);
    }

    /** An org whose job Salesforce refused to insert (inactive, not installed, blocked …). */
    static UpgradeResult.Failed rejected(List<ApiError> errors) {
        ApiError first = errors.getFirst();
        return new UpgradeResult.Failed(JOB_REJECTED, ErrorCategory.PERMANENT,
                first.message().isBlank() ? "Salesforce refused to push to this org" : first.message(),
                errors.stream().map(ApiError::toString).collect(Collectors.joining("; ")));
    }

    /** A job canceled in Salesforce, whatever the spelling of its status. */
    static UpgradeResult.Failed canceled(String jobId, String status) {
        return new UpgradeResult.Failed(PUSH_CANCELED, ErrorCategory.PERMANENT,
                "The push was canceled in Salesforce", "Push job " + jobId + " is " + status);
    }

    /** The subscriber blocks push upgrades of the package: no job was inserted for the org. */
    static UpgradeResult.Failed blockedBySubscriber() {
        return new UpgradeResult.Failed(ErrorCodes.BLOCKED_BY_SUBSCRIBER, ErrorCategory.PERMANENT,
                "The subscriber blocks push upgrades of this package",
                "PushUpgradeCustomization.HasRestrictionEnabled is set and not overridden; no push job was inserted");
    }

    /** The push's campaign stopped and its request was canceled (or never made) before the push started. */
    static UpgradeResult.Failed campaignStopped(String requestId) {
        return new UpgradeResult.Failed(ErrorCodes.CAMPAIGN_STOPPED, null, "The campaign stopped before the push started",
                requestId == null ? "No push request was made" : "Push request " + requestId + " was canceled");
    }

    /**
     * The org's request could not be set Pending before its deadline and was canceled: the outcome of
     * this command, with the cause that kept it from being scheduled (PERMANENT: the command's job
     * exists, canceled, and the command does not push again).
     */
    static GatewayException notScheduled(Throwable failure, java.time.Instant deadline) {
        GatewayException cause = gatewayException(failure);
        return new GatewayException(cause.errorCode(), ErrorCategory.PERMANENT, "The push request could not be"
                + " scheduled before " + deadline + " and was canceled: " + cause.getMessage(), cause);
    }

    /** The gateway's share of the daily API requests is used up until after the deadline of the call. */
    static GatewayException budgetUsedUp() {
        return new GatewayException("API_BUDGET_USED_UP", ErrorCategory.TRANSIENT,
                "The Salesforce gateway's share of the org's daily API requests is used up");
    }

    static GatewayException stopped() {
        return new GatewayException("GATEWAY_STOPPED", ErrorCategory.TRANSIENT,
                "The Salesforce gateway stopped before the push finished");
    }

    static GatewayException gatewayException(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof SalesforceException) && !(cause instanceof GatewayException)) {
            cause = cause.getCause();
        }
        if (cause instanceof GatewayException e) {
            return e;
        }
        if (cause instanceof SalesforceException e) {
            return new GatewayException(e.errorCode(), e.isTransient() ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT,
                    e.getMessage(), e);
        }
        return new GatewayException("GATEWAY_ERROR", ErrorCategory.TRANSIENT, String.valueOf(cause.getMessage()), cause);
    }

    /** The Salesforce error inside a failed call, or null when the call failed otherwise. */
    static SalesforceException salesforceException(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SalesforceException)) {
            cause = cause.getCause();
        }
        return (SalesforceException) cause;
    }

    /** Fails every push still open with the failure, as the executor's gateway error. */
    static void failAll(List<Push> pushes, Throwable failure) {
        GatewayException e = gatewayException(failure);
        for (Push push : pushes) {
            push.result.completeExceptionally(e);
        }
    }
}
