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
}
