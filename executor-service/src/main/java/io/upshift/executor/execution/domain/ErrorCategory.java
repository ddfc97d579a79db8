package io.upshift.executor.execution.domain;

/** Whether a failure is worth retrying inside the org's window. */
public enum ErrorCategory {
    /** Row lock, request limit, service unavailable, timeout: retry with backoff. */
    TRANSIENT,
    /** Apex test failure, validation error, missing dependency, license expired: retrying cannot help. */
    PERMANENT
}
