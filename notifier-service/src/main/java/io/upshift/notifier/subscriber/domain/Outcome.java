package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.util.Objects;

/** One upgrade outcome as the notifier records it, for result emails and publisher reports. */
public record Outcome(
        String commandId,
        String campaignId,
        String orgId,
        int waveNumber,
        Status status,
        String errorCategory,
        String errorCode,
        String errorMessage,
        String versionBefore,
        String versionAfter,
        String instance,
        int attempts,
        Instant finishedAt) {

    /** The executor's terminal statuses. */
    public enum Status { SUCCEEDED, FAILED, SKIPPED, CANCELED, TIMED_OUT }

    public Outcome {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
