package io.upshift.planner.rehearsal.domain;

import java.util.Map;

/**
 * What one seed's run of the rehearsal came to. Times are milliseconds after the plan's start.
 *
 * @param endMs when the campaign completed, or halted; -1 when it stalled (nothing left to happen)
 * @param haltedWave the wave whose gate halted the campaign, 0 when none did
 * @param exposed orgs of the halted wave released before the halt (what the safety bound limits)
 * @param waveStartMs per wave in order, -1 when it never started
 * @param waveEndMs per wave, when it passed or halted, -1 when it did not
 * @param failuresByType failed and timed-out orgs by error type (TIMED_OUT for a timeout)
 * @param failuresByPod the same by instance
 * @param emails the emails the notifier would send, by kind (its EmailKind names)
 */
public record RunResult(long seed, long endMs, int haltedWave, int exposed, long[] waveStartMs, long[] waveEndMs,
        int succeeded, int failed, int timedOut, int canceled, Map<String, Integer> failuresByType,
        Map<String, Integer> failuresByPod, Map<String, Integer> emails) {

    public boolean halted() {
        return haltedWave > 0;
    }
}
