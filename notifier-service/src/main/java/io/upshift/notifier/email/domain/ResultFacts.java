package io.upshift.notifier.email.domain;

import java.time.Instant;

/** The facts of a result email: what happened to one upgrade command of the org. */
public record ResultFacts(
        String commandId,
        int waveNumber,
        String status,
        String errorCategory,
        String errorCode,
        String errorMessage,
        String versionBefore,
        String versionAfter,
        Instant finishedAt) implements EmailFacts {
}
