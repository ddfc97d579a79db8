package io.upshift.planner.tracking.domain;

import io.upshift.planner.campaign.domain.TargetState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an executor reports about one command, as the planner applies it.
 *
 * @param status the terminal state the outcome reports
 * @param errorCategory TRANSIENT, PERMANENT or null
 * @param attempts gateway calls the executor made (0: it did not run the command)
 */
public record Outcome(UUID commandId, UUID campaignId, String orgId, int wave, TargetState status,
        String errorCategory, String errorCode, String errorMessage, String versionBefore, String versionAfter,
        int attempts, Instant startedAt, Instant finishedAt, String executorId) {

    public Outcome {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("an outcome reports a terminal state, not " + status);
        }
    }
}
