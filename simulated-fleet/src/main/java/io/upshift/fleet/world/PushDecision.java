package io.upshift.fleet.world;

import java.time.Duration;
import java.util.Optional;

/**
 * How one push job will go, decided when it starts and stored with it, so whoever adopts the job
 * later sees the same end.
 *
 * @param latency from the job's start to its end (already multiplied by the time scale)
 * @param failure why it fails, or null when it succeeds
 */
public record PushDecision(Duration latency, PushErrorType failure) {

    public Optional<PushErrorType> failureType() {
        return Optional.ofNullable(failure);
    }

    public boolean succeeds() {
        return failure == null;
    }
}
