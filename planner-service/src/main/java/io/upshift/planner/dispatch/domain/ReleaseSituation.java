package io.upshift.planner.dispatch.domain;

import java.time.Instant;
import java.util.Map;

/**
 * Where a campaign stands when a dispatcher round begins, read with the campaign locked.
 *
 * @param inFlight orgs released and not finished
 * @param inFlightByInstance the same per instance (only read when a per-instance cap is set)
 * @param releasedLastMinute commands released in the 60 seconds before {@code now}
 * @param lastReleaseAt the last round that released anything, or null
 */
public record ReleaseSituation(int inFlight, Map<String, Integer> inFlightByInstance, int releasedLastMinute,
        Instant lastReleaseAt, Instant now) {

    public ReleaseSituation {
        inFlightByInstance = Map.copyOf(inFlightByInstance);
    }
}
