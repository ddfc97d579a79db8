package io.upshift.planner.rehearsal.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A plan laid out once for every seed: arrays indexed by org, times in milliseconds after the plan's
 * start, instances and waves as indexes.
 */
final class Prepared {

    final RehearsalPlan plan;
    final List<RehearsalPlan.PlannedWave> waves;
    final long origin;
    final long[] winStart;
    final long[] winEnd;
    final long[] releaseBy;
    /** Place of each org by org id: the live release order's tie-break. */
    final int[] rank;
    final String[] instances;
    final int[] instanceOf;
    final int[] waveOf;
    final List<int[]> waveOrgs;
    final boolean perInstance;
    final Long deadlineMs;
    final long spreadMedianMs;
    /** Per org: its own median push over the package's (1: it has none), and its chronic failure (or null). */
    final double[] durationScale;
    final Twin.Chronic[] chronic;
    private final Map<Integer, Integer> waveIndex = new HashMap<>();

    Prepared(RehearsalPlan plan, Twin twin) {
        this.plan = plan;
        this.waves = plan.waves();
        this.origin = plan.rules().start().toEpochMilli();
        int n = plan.orgs().size();
        winStart = new long[n];
        winEnd = new long[n];
        releaseBy = new long[n];
        waveOf = new int[n];
        instanceOf = new int[n];
        for (int w = 0; w < waves.size(); w++) {
            waveIndex.put(waves.get(w).number(), w);
        }
        TreeSet<String> names = new TreeSet<>();
        plan.orgs().forEach(o -> names.add(o.instance()));
        instances = names.toArray(String[]::new);
        Map<String, Integer> instanceIndex = new HashMap<>();
        for (int i = 0; i < instances.length; i++) {
            instanceIndex.put(instances[i], i);
        }
        int[] sizes = new int[waves.size()];
        for (int i = 0; i < n; i++) {
            TwinOrg o = plan.orgs().get(i);
            winStart[i] = millis(o.window().start());
            winEnd[i] = millis(o.window().end());
            releaseBy[i] = winEnd[i] - o.expected().toMillis();
            Integer w = waveIndex.get(o.wave());
            if (w == null) {
                throw new IllegalArgumentException("org " + o.orgId() + " is in wave " + o.wave() + ", not planned");
            }
            waveOf[i] = w;
            sizes[w]++;
            instanceOf[i] = instanceIndex.get(o.instance());
        }
        waveOrgs = new ArrayList<>();
        int[] fill = new int[waves.size()];
        for (int size : sizes) {
            waveOrgs.add(new int[size]);
        }
        for (int i = 0; i < n; i++) {
            waveOrgs.get(waveOf[i])[fill[waveOf[i]]++] = i;
        }
        Integer[] byId = new Integer[n];
        Arrays.setAll(byId, i -> i);
        Arrays.sort(byId, Comparator.comparing(i -> plan.orgs().get(i).orgId()));
        rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[byId[r]] = r;
        }
        perInstance = plan.rules().limits().perInstance();
        deadlineMs = plan.rules().deadline() == null ? null : millis(plan.rules().deadline());
        spreadMedianMs = twin.spread().median().toMillis();
        durationScale = new double[n];
        chronic = new Twin.Chronic[n];
        for (int i = 0; i < n; i++) {
            String orgId = plan.orgs().get(i).orgId();
            java.time.Duration own = twin.ownMedian().get(orgId);
            durationScale[i] = own != null && spreadMedianMs > 0 ? (double) own.toMillis() / spreadMedianMs : 1.0;
            chronic[i] = twin.chronic().get(orgId);
        }
    }

    int size() {
        return winStart.length;
    }

    long millis(Instant t) {
        return t.toEpochMilli() - origin;
    }

    Instant instant(long ms) {
        return Instant.ofEpochMilli(origin + ms);
    }

    int index(int waveNumber) {
        return waveIndex.get(waveNumber);
    }
}
