package io.upshift.executor.execution.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened to one command: the one outcome an executor reports for it.
 *
 * @param category null unless the command FAILED (or was stopped after a failed attempt)
 * @param errorCode a {@code PackagePushError.ErrorType} such as ApexTestFailure, or an Upshift code
 *        ({@link ErrorCodes}); null when nothing went wrong
 * @param errorMessage a short reason fit for a subscriber; never a stack trace
 * @param versionBefore the version installed before, when the executor learned it
 * @param versionAfter the version installed after, when known
 * @param attempts upgrade calls made to the gateway for this delivery, retries included
 */
public record UpgradeFinished(
        UpgradeOrg order,
        UpgradeStatus status,
        ErrorCategory category,
        String errorCode,
        String errorMessage,
        String versionBefore,
        String versionAfter,
        int attempts,
        Instant startedAt,
        Instant finishedAt) {

    public UpgradeFinished {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
