package io.upshift.executor.execution.domain;

/** How a command ended for its org. */
public enum UpgradeStatus {
    /** The org now runs the target version. */
    SUCCEEDED,
    /** The push failed, or could not be made within the window and the attempts allowed. */
    FAILED,
    /** The org already had the target version (or a newer one); nothing was pushed. */
    SKIPPED,
    /** The campaign was halted or canceled before the push started. */
    CANCELED,
    /** The window closed before the push could start. */
    TIMED_OUT
}
