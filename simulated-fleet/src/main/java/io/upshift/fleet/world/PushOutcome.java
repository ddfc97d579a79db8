package io.upshift.fleet.world;

/** How a push job ended. */
public sealed interface PushOutcome {

    /** The id of the job, or 0 when the push was rejected before a job started. */
    long jobId();

    /** The org now runs {@code version}. */
    record Succeeded(long jobId, String version) implements PushOutcome {
    }

    /** The job failed (or was rejected) with a {@code PackagePushError}. */
    record Failed(long jobId, PushErrorType type, String title, String details) implements PushOutcome {
    }

    /**
     * The world refused the push before any job, for a reason that is not a {@code PackagePushError}
     * type (jobId 0).
     *
     * @param code the error code, e.g. {@link #BLOCKED_BY_SUBSCRIBER}
     */
    record Refused(String code, String title, String details) implements PushOutcome {

        /** The subscriber blocks pushes of the package (Salesforce's PushUpgradeCustomization). */
        public static final String BLOCKED_BY_SUBSCRIBER = "BlockedBySubscriber";

        @Override
        public long jobId() {
            return 0;
        }
    }
}
