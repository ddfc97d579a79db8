package io.upshift.fleet.world;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a simulated push failed, named like Salesforce's {@code PackagePushError.ErrorType}, with the
 * classification Upshift gives each type: a transient failure (a row lock, an API limit, an
 * unclassified hiccup) may pass on the next attempt; a permanent one fails again for the same org.
 */
public enum PushErrorType {
    APEX_TEST_FAILURE("ApexTestFailure", false, "Apex tests failed in the subscriber org",
            "3 of 412 Apex tests failed: InvoiceServiceTest.testTaxRounding: System.AssertException: Assertion Failed"),
    DEPLOY_ERROR("DeployError", false, "The package could not be deployed to the subscriber org",
            "Field Invoice__c.Region__c: a custom field with this name already exists in the org"),
    FEATURE_MISSING("FeatureMissing", false, "The subscriber org lacks a feature the version needs",
            "The version requires the Multi-Currency feature, which is not enabled in the org"),
    INELIGIBLE_UPGRADE("IneligibleUpgrade", false, "The org is not eligible for this upgrade",
            "The org cannot be pushed to this version"),
    LIMIT_EXCEEDED("LimitExceeded", true, "A Salesforce limit was exceeded during the push",
            "Concurrent push limit for the instance reached; try again later"),
    LOCKING_FAILURE("LockingFailure", true, "A record or metadata lock prevented the push",
            "UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record"),
    PAC_ERROR("PACError", false, "The package access check failed",
            "The subscriber org's license for this package has expired"),
    UNCLASSIFIED_ERROR("UnclassifiedError", true, "Salesforce reported an unclassified error",
            "An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678");

    private final String salesforceName;
    private final boolean isTransient;
    private final String title;
    private final String details;

    PushErrorType(String salesforceName, boolean isTransient, String title, String details) {
        this.salesforceName = salesforceName;
        this.isTransient = isTransient;
        this.title = title;
        this.details = details;
    }

    /** The spelling of {@code PackagePushError.ErrorType}, e.g. "ApexTestFailure". */
    public String salesforceName() {
        return salesforceName;
    }

    /** Whether another attempt may succeed (LockingFailure, LimitExceeded, UnclassifiedError). */
    public boolean isTransient() {
        return isTransient;
    }

    /** What Salesforce would put in {@code ErrorTitle}. */
    public String title() {
        return title;
    }

    /** What Salesforce would put in {@code ErrorDetails}. */
    public String details() {
        return details;
    }

    /** Accepts the Salesforce spelling ("ApexTestFailure") or the constant's name ("APEX_TEST_FAILURE"). */
    public static Optional<PushErrorType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String trimmed = name.strip();
        return Arrays.stream(values())
                .filter(type -> type.salesforceName.equalsIgnoreCase(trimmed) || type.name().equalsIgnoreCase(trimmed))
                .findFirst();
    }
}
