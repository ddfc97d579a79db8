package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.LatencyModel;
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
    /**
     * Per org: the log-normal its pushes are drawn from (log of the median in milliseconds, log standard
     * deviation; its own where it has history, else the package's spread), and its chronic failure (or null).
     */
    final double[] logMedian;
    final double[] logSigma;
    final long maxPushMs;
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
        LatencyModel spread = twin.spread();
        double spreadMedian = Math.log(Math.max(1, spread.median().toMillis()));
        double spreadSigma = spread.logSigma();
        maxPushMs = spread.max().toMillis();
        logMedian = new double[n];
        logSigma = new double[n];
        chronic = new Twin.Chronic[n];
        for (int i = 0; i < n; i++) {
            String orgId = plan.orgs().get(i).orgId();
            Twin.Own own = twin.own().get(orgId);
            logMedian[i] = own == null ? spreadMedian : Math.log(Math.max(1, own.median().toMillis()));
            logSigma[i] = own == null ? spreadSigma : own.sigma();
            chronic[i] = twin.chronic().get(orgId);
        }
    }

    /** A push of {@code org} for a standard-normal draw {@code z}, in milliseconds (none for a zero spread). */
    long pushMillis(int org, double z) {
        if (maxPushMs == 0) {
            return 0;
        }
        return Math.round(Math.min(Math.exp(logMedian[org] + logSigma[org] * z), maxPushMs));
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
