package io.upshift.planner.planning.domain;

import java.time.Instant;

/**
 * A planned wave with its projected timing.
 *
 * @param size orgs placed in the wave
 * @param projectedStart when the wave is expected to start (the previous wave's projected end)
 * @param projectedEnd when its last org is expected to finish, given the caps and the expected
 *        upgrade duration (approval waits are not projected)
 * @param firstWindowStart the earliest planned window of its orgs
 * @param lastWindowEnd the latest end of its orgs' planned windows
 * @param pilotList the pilot list a PILOT wave holds, else null
 */
public record WaveProjection(int number, WaveKind kind, long size, Instant projectedStart, Instant projectedEnd,
        Instant firstWindowStart, Instant lastWindowEnd, String pilotList) {

    public WaveProjection(int number, WaveKind kind, long size, Instant projectedStart, Instant projectedEnd,
            Instant firstWindowStart, Instant lastWindowEnd) {
        this(number, kind, size, projectedStart, projectedEnd, firstWindowStart, lastWindowEnd, null);
    }
}
