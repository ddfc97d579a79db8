package io.upshift.fleet.world;

import io.upshift.schemas.PushErrorTypes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Why a simulated push failed, named like Salesforce's {@code PackagePushError.ErrorType}, with the
 * class of {@link PushErrorTypes} (the table the executor's gateways use too): a transient failure
 * (a row lock, an API limit, an unclassified hiccup) may pass on a later push; a permanent one fails
 * again for the same org.
 */
public enum PushErrorType {
    APEX_TEST_FAILURE("ApexTestFailure", "Apex tests failed in the subscriber org",
            "3 of 412 Apex tests failed: InvoiceServiceTest.testTaxRounding: System.AssertException: Assertion Failed"),
    DEPLOY_ERROR("DeployError", "The package could not be deployed to the subscriber org",
            "Field Invoice__c.Region__c: a custom field with this name already exists in the org"),
    FEATURE_MISSING("FeatureMissing", "The subscriber org lacks a feature the version needs",
            "The version requires the Multi-Currency feature, which is not enabled in the org"),
    INELIGIBLE_UPGRADE("IneligibleUpgrade", "The org is not eligible for this upgrade",
            "The org cannot be pushed to this version"),
    LIMIT_EXCEEDED("LimitExceeded", "A Salesforce limit was exceeded during the push",
            "Concurrent push limit for the instance reached; try again later"),
    LOCKING_FAILURE("LockingFailure", "A record or metadata lock prevented the push",
            "UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record"),
    PAC_ERROR("PACError", "The package access check failed",
            "The subscriber org's license for this package has expired"),
    UNCLASSIFIED_ERROR("UnclassifiedError", "Salesforce reported an unclassified error",
            "An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678");

    private final String salesforceName;
    private final String title;
    private final String details;

    PushErrorType(String salesforceName, String title, String details) {
        this.salesforceName = salesforceName;
        this.title = title;
        this.details = details;
    }

    /** The spelling of {@code PackagePushError.ErrorType}, e.g. "ApexTestFailure". */
    public String salesforceName() {
        return salesforceName;
    }

    /**
     * Whether a later push may succeed (LockingFailure, LimitExceeded, UnclassifiedError): the class of
     * the one table both of the executor's gateways use ({@link PushErrorTypes}).
     */
    public boolean isTransient() {
        return PushErrorTypes.isTransient(salesforceName).orElseThrow();
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
