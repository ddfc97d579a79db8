package io.upshift.executor.execution.domain;

/** How a push that ran ended. */
public sealed interface UpgradeResult {

    /** The org now runs {@code versionAfter}. */
    record Succeeded(String versionAfter) implements UpgradeResult {
    }

    /**
     * The push ran and failed.
     *
     * @param errorType Salesforce's {@code PackagePushError.ErrorType} (ApexTestFailure, DeployError,
     *        FeatureMissing, IneligibleUpgrade, LimitExceeded, LockingFailure, PACError, UnclassifiedError)
     *        or an Upshift code for failures outside a push
     * @param category whether trying again may help
     * @param title a short human-readable reason, safe to show a subscriber
     * @param details more for the publisher (never a stack trace)
     */
    record Failed(String errorType, ErrorCategory category, String title, String details) implements UpgradeResult {
    }
}
