package io.upshift.planner.dispatch.domain;

import java.time.Instant;
import java.util.Map;

/**
 * Where a campaign stands when a dispatcher round begins, read with the campaign locked.
 *
 * @param inFlight orgs released and not finished, timed-out orgs whose outcome is unknown included
 * @param inFlightByInstance the same per instance (only read when a per-instance cap is set)
 * @param releasedLastMinute commands released in the 60 seconds before {@code now}
 * @param lastReleaseAt the last round that released anything, or null
 * @param releasedLastMinuteByInstance the same per instance (only read when a per-instance rate is set)
 * @param lastReleaseByInstance the last round that released anything per instance (idem)
 */
public record ReleaseSituation(int inFlight, Map<String, Integer> inFlightByInstance, int releasedLastMinute,
        Instant lastReleaseAt, Map<String, Integer> releasedLastMinuteByInstance,
        Map<String, Instant> lastReleaseByInstance, Instant now) {

    public ReleaseSituation {
        inFlightByInstance = Map.copyOf(inFlightByInstance);
        releasedLastMinuteByInstance = Map.copyOf(releasedLastMinuteByInstance);
        lastReleaseByInstance = Map.copyOf(lastReleaseByInstance);
    }

    /** A situation without per-instance release history. */
    public ReleaseSituation(int inFlight, Map<String, Integer> inFlightByInstance, int releasedLastMinute,
            Instant lastReleaseAt, Instant now) {
        this(inFlight, inFlightByInstance, releasedLastMinute, lastReleaseAt, Map.of(), Map.of(), now);
    }
}
