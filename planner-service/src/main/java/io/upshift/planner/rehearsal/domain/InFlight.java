package io.upshift.planner.rehearsal.domain;

import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.dispatch.domain.ReleaseSituation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run has in flight and released lately, per instance: what the live dispatcher reads from its
 * tables (in-flight targets, the release log) to build its {@link ReleaseSituation}.
 */
final class InFlight {

    private final Prepared p;
    private final int[] byInstance;
    /** {at, instance, count} of each round's releases, the last minute's kept. */
    private final List<long[]> log = new ArrayList<>();
    private final long[] lastByInstance;
    private long lastAt = -1;
    private int total;

    InFlight(Prepared prepared) {
        this.p = prepared;
        this.byInstance = new int[p.instances.length];
        this.lastByInstance = new long[p.instances.length];
        Arrays.fill(lastByInstance, -1);
    }

    void released(long now, List<Integer> orgs) {
        if (orgs.isEmpty()) {
            return;
        }
        lastAt = now;
        int[] round = new int[p.instances.length];
        for (int org : orgs) {
            int i = p.instanceOf[org];
            byInstance[i]++;
            round[i]++;
            lastByInstance[i] = now;
        }
        total += orgs.size();
        for (int i = 0; i < round.length; i++) {
            if (round[i] > 0) {
                log.add(new long[] {now, i, round[i]});
            }
        }
    }

    void finished(int org) {
        total--;
        byInstance[p.instanceOf[org]]--;
    }

    ReleaseSituation situation(long now, ReleaseLimits limits) {
        Map<String, Integer> inFlight = new HashMap<>();
        if (limits.maxInFlightPerInstance() != null) {
            for (int i = 0; i < byInstance.length; i++) {
                if (byInstance[i] > 0) {
                    inFlight.put(p.instances[i], byInstance[i]);
                }
            }
        }
        int lastMinute = 0;
        Map<String, Integer> lastMinuteByInstance = new HashMap<>();
        Map<String, Instant> lastReleaseByInstance = new HashMap<>();
        if (limits.maxPerMinute() != null || limits.maxPerMinutePerInstance() != null) {
            long since = now - 60_000;
            log.removeIf(r -> r[0] <= since);
            for (long[] r : log) {
                lastMinute += (int) r[2];
                if (limits.maxPerMinutePerInstance() != null) {
                    lastMinuteByInstance.merge(p.instances[(int) r[1]], (int) r[2], Integer::sum);
                }
            }
            if (limits.maxPerMinutePerInstance() != null) {
                for (int i = 0; i < lastByInstance.length; i++) {
                    if (lastByInstance[i] >= 0) {
                        lastReleaseByInstance.put(p.instances[i], p.instant(lastByInstance[i]));
                    }
                }
            }
        }
        return new ReleaseSituation(total, inFlight, lastMinute, lastAt < 0 ? null : p.instant(lastAt),
                lastMinuteByInstance, lastReleaseByInstance, p.instant(now));
    }
}
