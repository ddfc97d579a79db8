package io.upshift.planner.rehearsal.domain;

import io.upshift.fleet.world.FailureRates;
import io.upshift.fleet.world.PushErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Runs a plan against a twin once per seed (seeds {@code firstSeed … firstSeed + seeds − 1}, in
 * parallel: each run depends on its seed alone) and sums the runs up in a {@link RehearsalReport}.
 */
public final class MonteCarlo {

    public static final int DEFAULT_SEEDS = 100;
    private static final int TOP_PODS = 20;

    private MonteCarlo() {
    }

    public static RehearsalReport rehearse(RehearsalPlan plan, Twin twin, int seeds, long firstSeed) {
        if (seeds < 1) {
            throw new IllegalArgumentException("a rehearsal runs at least one seed");
        }
        Prepared prepared = new Prepared(plan, twin);
        List<RunResult> runs = IntStream.range(0, seeds).parallel()
                .mapToObj(s -> new Simulation(prepared, twin, firstSeed + s).run()).toList();
        return report(plan, twin, runs, firstSeed);
    }

    static RehearsalReport report(RehearsalPlan plan, Twin twin, List<RunResult> runs, long firstSeed) {
        Instant start = plan.rules().start();
        int n = runs.size();
        long[] completed = runs.stream().filter(r -> !r.halted() && r.endMs() >= 0).mapToLong(RunResult::endMs)
                .sorted().toArray();
        RehearsalReport.Interval makespan = completed.length == 0 ? null
                : new RehearsalReport.Interval(Duration.ofMillis(pct(completed, 50)), Duration.ofMillis(pct(completed, 5)),
                        Duration.ofMillis(pct(completed, 95)));
        List<RehearsalReport.WaveReport> waves = new ArrayList<>();
        for (int w = 0; w < plan.waves().size(); w++) {
            int i = w;
            long[] starts = runs.stream().mapToLong(r -> r.waveStartMs()[i]).filter(t -> t >= 0).sorted().toArray();
            long[] ends = runs.stream().mapToLong(r -> r.waveEndMs()[i]).filter(t -> t >= 0).sorted().toArray();
            RehearsalPlan.PlannedWave planned = plan.waves().get(w);
            waves.add(new RehearsalReport.WaveReport(planned.number(), planned.kind().name(), planned.size(),
                    (double) starts.length / n, starts.length == 0 ? null : start.plusMillis(pct(starts, 50)),
                    ends.length == 0 ? null : start.plusMillis(pct(ends, 50)),
                    starts.length == 0 ? null : Duration.ofMillis(pct(starts, 50)),
                    ends.length == 0 ? null : Duration.ofMillis(pct(ends, 50))));
        }
        Map<Integer, Integer> halts = new TreeMap<>();
        runs.stream().filter(RunResult::halted).forEach(r -> halts.merge(r.haltedWave(), 1, Integer::sum));
        Map<Integer, Double> haltByWave = new TreeMap<>();
        halts.forEach((wave, count) -> haltByWave.put(wave, (double) count / n));
        long[] haltTimes = runs.stream().filter(RunResult::halted).mapToLong(RunResult::endMs).sorted().toArray();
        RehearsalReport.Halt halt = new RehearsalReport.Halt((double) haltTimes.length / n, haltByWave,
                haltTimes.length == 0 ? null : Duration.ofMillis(pct(haltTimes, 50)));
        Map<String, RehearsalReport.Stat> byType = stats(runs, RunResult::failuresByType, Integer.MAX_VALUE);
        Map<String, RehearsalReport.Stat> byPod = stats(runs, RunResult::failuresByPod, TOP_PODS);
        Map<String, Double> emails = new TreeMap<>();
        runs.forEach(r -> r.emails().forEach((k, v) -> emails.merge(k, (double) v / n, Double::sum)));
        emails.replaceAll((k, v) -> Math.round(v * 100) / 100.0);
        int maxExposed = runs.stream().mapToInt(RunResult::exposed).max().orElse(0);
        Integer bound = plan.rules().blastRadius();
        RehearsalReport.Safety safety = new RehearsalReport.Safety(bound, plan.rules().blastRadiusStatement(),
                maxExposed, bound == null || maxExposed <= bound);
        int stalled = (int) runs.stream().filter(r -> r.endMs() < 0).count();
        return new RehearsalReport(n, firstSeed, plan.orgs().size(), start, makespan,
                makespan == null ? null : start.plus(makespan.median()), waves,
                stat(runs.stream().mapToLong(RunResult::succeeded).toArray()),
                stat(runs.stream().mapToLong(RunResult::failed).toArray()),
                stat(runs.stream().mapToLong(RunResult::timedOut).toArray()),
                stat(runs.stream().mapToLong(RunResult::canceled).toArray()), byType, byPod, halt, emails, safety,
                summary(twin, plan.rules().targetVersion()), stalled);
    }

    private static Map<String, RehearsalReport.Stat> stats(List<RunResult> runs,
            java.util.function.Function<RunResult, Map<String, Integer>> of, int top) {
        TreeSet<String> keys = new TreeSet<>();
        runs.forEach(r -> keys.addAll(of.apply(r).keySet()));
        List<Map.Entry<String, RehearsalReport.Stat>> all = new ArrayList<>();
        for (String key : keys) {
            long[] values = runs.stream().mapToLong(r -> of.apply(r).getOrDefault(key, 0)).toArray();
            all.add(Map.entry(key, stat(values)));
        }
        // most first, then by name: a stable order whatever the runs' maps
        all.sort((a, b) -> a.getValue().mean() != b.getValue().mean()
                ? Double.compare(b.getValue().mean(), a.getValue().mean()) : a.getKey().compareTo(b.getKey()));
        Map<String, RehearsalReport.Stat> out = new LinkedHashMap<>();
        all.stream().limit(top).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static RehearsalReport.Stat stat(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new RehearsalReport.Stat(Math.round(mean * 100) / 100.0, pct(sorted, 50), pct(sorted, 5),
                pct(sorted, 95));
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static RehearsalReport.TwinSummary summary(Twin twin, String targetVersion) {
        Map<String, Map<String, Double>> pods = new TreeMap<>();
        twin.failures().byInstance().forEach((pod, rates) -> pods.put(pod, named(rates)));
        return new RehearsalReport.TwinSummary(twin.pushesSeen(), twin.campaignsSeen(), twin.own().size(),
                Math.round(twin.orgShare() * 100) / 100.0, twin.chronic().size(), twin.spread().median(),
                twin.spread().p99(), named(twin.failures().fleet()),
                pods, named(twin.failures().byVersion().getOrDefault(targetVersion, FailureRates.NONE)),
                round4(twin.failures().unavailableRate()), twin.defaults());
    }

    private static Map<String, Double> named(FailureRates rates) {
        Map<String, Double> out = new TreeMap<>();
        rates.rates().forEach((PushErrorType type, Double rate) -> out.put(type.salesforceName(), round4(rate)));
        return out;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
