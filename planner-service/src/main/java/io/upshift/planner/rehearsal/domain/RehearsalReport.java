package io.upshift.planner.rehearsal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a rehearsal projects, over its seeds. Holds nothing of the machine that computed it: the same
 * plan, twin and seeds give the same report.
 *
 * @param makespan from the plan's start to completion, over the runs that completed (null: none did)
 * @param projectedEnd the plan's start plus the median makespan
 * @param waves each wave's median start and end, and how often it started at all
 * @param failuresByType failed and timed-out orgs per run, by error type
 * @param failuresByPod the same by instance (the 20 pods with the most)
 * @param halt how likely a gate halts the campaign, and in which wave
 * @param emails the emails the notifier would send per run, by kind (mean)
 * @param safety the plan's bound on orgs that can run a failing version before the gate halts, and what the runs saw
 * @param stalledRuns runs in which nothing more could happen before the campaign ended (a wave no window opens for)
 */
public record RehearsalReport(int seeds, long firstSeed, long orgs, Instant start, Interval makespan,
        Instant projectedEnd, List<WaveReport> waves, Stat succeeded, Stat failed, Stat timedOut, Stat canceled,
        Map<String, Stat> failuresByType, Map<String, Stat> failuresByPod, Halt halt, Map<String, Double> emails,
        Safety safety, TwinSummary twin, int stalledRuns) {

    /** Median and 90 % interval (5th to 95th percentile). */
    public record Interval(Duration median, Duration p5, Duration p95) {
    }

    public record Stat(double mean, long median, long p5, long p95) {
    }

    /**
     * @param startedShare share of the runs in which the wave started
     * @param medianStart the median start over the runs in which it started (null: never)
     * @param medianEnd the median pass or halt over the runs in which it ended (null: never)
     * @param startAfter and {@code endAfter}: the same medians after the plan's start
     */
    public record WaveReport(int number, String kind, long size, double startedShare, Instant medianStart,
            Instant medianEnd, Duration startAfter, Duration endAfter) {
    }

    /**
     * @param probability share of the runs a gate halted
     * @param byWave per wave that halted at least once: the share of runs it halted
     * @param medianHaltAfter from the start to the halt, median over the halted runs (null: none halted)
     */
    public record Halt(double probability, Map<Integer, Double> byWave, Duration medianHaltAfter) {
    }

    /**
     * @param bound the plan's bound (null: no gate can halt the campaign, so no bound)
     * @param maxExposed the most orgs of a halted wave released before its halt, over the runs
     * @param held every run stayed within the bound
     */
    public record Safety(Integer bound, String statement, int maxExposed, boolean held) {
    }

    /**
     * How the twin was fitted, so a reader knows what the numbers rest on.
     *
     * @param orgShareOfDuration the share of the push durations' spread that belongs to the org (0: none, 1: an org
     *        always takes as long as it took before)
     * @param defaults each default used where history was silent (empty: everything came from history)
     */
    public record TwinSummary(int pushesSeen, int campaignsSeen, int orgsWithOwnDuration, double orgShareOfDuration,
            int chronicOrgs,
            Duration spreadMedian, Duration spreadP99, Map<String, Double> fleetRates,
            Map<String, Map<String, Double>> podRates, Map<String, Double> targetVersionRates,
            double refusedCallRate, List<String> defaults) {
    }
}
