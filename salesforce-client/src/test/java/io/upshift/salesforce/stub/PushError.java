package io.upshift.salesforce.stub;

import java.util.List;

/**
 * A {@code PackagePushError} the stub writes when a push fails.
 *
 * @param errorType ApexTestFailure, DeployError, FeatureMissing, IneligibleUpgrade, LimitExceeded,
 *        LockingFailure, PACError or UnclassifiedError
 * @param severity {@code Error} or {@code Warning}
 */
public record PushError(String errorType, String severity, String title, String message, String details) {

    /** Every {@code PackagePushError.ErrorType} Salesforce documents. */
    public static final List<String> ERROR_TYPES = List.of("ApexTestFailure", "DeployError", "FeatureMissing",
            "IneligibleUpgrade", "LimitExceeded", "LockingFailure", "PACError", "UnclassifiedError");

    /** An error of the type with a made-up title. */
    public static PushError of(String errorType) {
        return of(errorType, errorType + " in the subscriber org");
    }

    public static PushError of(String errorType, String title) {
        return new PushError(errorType, "Error", title, title + " (stub)", "Details of " + errorType);
    }

    public static PushError apexTestFailure() {
        return new PushError("ApexTestFailure", "Error", "Apex test failure",
                "System.AssertException: Assertion Failed: expected 4, got 5",
                "Class.InvoiceTest.totalsMatch: line 42, column 1");
    }

    public static PushError lockingFailure() {
        return new PushError("LockingFailure", "Error", "Unable to lock row",
                "UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record", "");
    }
}
