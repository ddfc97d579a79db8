package io.upshift.bench.rehearsal;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.Pause;
import io.upshift.bench.support.PlannerClient;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Proof that a rehearsal predicts (#24): on the embedded stack with the simulated fleet (its latency
 * and failure models on, compressed time as in the makespan benchmark), one package goes through
 * <ol>
 * <li>a first campaign, run for real: the history the twin is fitted from;</li>
 * <li>the next campaign as a DRAFT, rehearsed through the planner's API over N seeds;</li>
 * <li>the same campaign scheduled and run for real;</li>
 * <li>in the same run, the real makespan against the rehearsal's median and the real failures against
 *     its 90 % interval;</li>
 * <li>a bad release (the fleet fails the new version in a share of pushes): its rollout rehearsed with
 *     no history of that version, then again after a pilot on one pod ran for real, then run for real.</li>
 * </ol>
 * The twin and the fleet are not tuned to each other: the fleet's models are set here once, the twin is
 * what the planner fits from the commands it recorded. Both clocks are the same: the planner records
 * compressed durations and plans in real seconds, so the rehearsal projects real seconds too.
 */
public final class RehearsalProof implements Benchmark {

    static final int PODS = 10;
    static final String HISTORY = "4.2.0";
    static final String NEXT = "4.3.0";
    static final String BAD = "4.4.0";
    static final String WORSE_POD = "NA100";
    static final String PILOT_POD = "NA105";
    static final double BAD_RATE = 0.3;
    /**
     * The gate's sample. With 20, the rehearsal gave the healthy release a 16 % chance to halt (small waves
     * over a fleet failing 2–8 %), and the first real run did halt; 50 is a campaign a release engineer
     * would pick after seeing that, not a change of the fleet or the twin.
     */
    static final int MINIMUM_FINISHED = 50;

    @Override
    public String name() {
        return "rehearsal-proof";
    }

    @Override
    public String title() {
        return "Rehearsal vs the real run on the embedded stack: makespan, failures, a bad release's halt";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int orgs = size.pick(120, 1_000, 3_000);
        int seeds = size.pick(20, 100, 100);
        double timeScale = size.pick(1, 10, 10) / 1000.0;
        // the large size runs the six waves with a soak; the default and smoke sizes ramp in one wave after the
        // canary (three waves), which keeps ./upshift bench within its ten minutes
        Duration soak = size == Size.LARGE ? Duration.ofSeconds(10) : Duration.ZERO;
        // the smoke run's three notices would be a third of its time; the comparison starts at startsAt either way
        Duration notice = Duration.ofSeconds(size == Size.TINY ? 1 : 5);
        int executors = 2;
        Result result = new Result(name(), title(), size)
                .parameter("orgs", orgs).parameter("pods", PODS).parameter("seeds", seeds)
                .parameter("executors", executors)
                .parameter("world", "log-normal pushes (median 5 min, p99 20 min, max 30 min) at time scale " + timeScale
                        + "; 1 % ApexTestFailure + 1 % LockingFailure fleet-wide, +6 % ApexTestFailure on " + WORSE_POD
                        + ", 0.5 % chronic orgs (DeployError every time); " + BAD + " fails ApexTestFailure in "
                        + Math.round(BAD_RATE * 100) + " % of pushes; no refused calls")
                .parameter("campaign", "sandboxes first, 5 % canary, doubling waves (one ramp wave when there is no soak), soak " + soak + ", maxInFlight "
                        + "200, 40 per pod, gate 10 % after " + MINIMUM_FINISHED + ", notice " + notice + ", always-open windows")
                .parameter("history", "every org pushed " + HISTORY + " first (one wave, 250 per pod); the measured "
                        + "campaign is " + NEXT + "; the bad release " + BAD + " is piloted on " + PILOT_POD);
        result.parameter("planner", "as deployed (dispatch interval 1 s; BENCHMARKS.md 07:58 measured 100 ms as a "
                + "diagnosis: no closer)");
        rehearseAndRun(env, orgs, seeds, timeScale, soak, notice, executors, result);
        return result;
    }

    /** One stack, one package: the history, the rehearsal, the real run and the bad release. */
    private void rehearseAndRun(BenchEnvironment env, int orgs, int seeds, double timeScale, Duration soak,
            Duration notice, int executors, Result result) throws Exception {
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(executors).withoutNotifier().withExecutor(world(timeScale));
        try (LocalUpshift upshift = env.startUpshift(run, settings);
                KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            kafka.awaitStable(BenchEnvironment.executorGroup(run), executors, Topics.UPGRADE_COMMANDS.name(),
                    Duration.ofMinutes(2));
            PlannerClient planner = new PlannerClient(upshift.plannerUrl(), upshift.adminKey(), env.plannerDatabase(run));
            String packageId = PlannerClient.packageId(env.nextNumber());
            planner.registerPackage(packageId, List.of(Fleets.INSTALLED, HISTORY, NEXT, BAD));
            FleetOptions fleet = Fleets.eligible(orgs, 24);
            planner.importCsv(packageId, Fleets.csv(Fleets.onPods(Fleets.orgs(fleet), RehearsalProof::pod),
                    env.workDirectory()));

            // (1) the history: every org pushed once
            Map<String, Object> first = PlannerClient.campaign("history " + HISTORY, packageId, HISTORY);
            first.put("pacing", Map.of("maxInFlight", 250 * PODS, "maxInFlightPerInstance", 250,
                    "expectedUpgradeDuration", "PT3S"));
            String history = planner.create(first);
            planner.schedule(history);
            JsonNode h = planner.awaitFinal(history, Duration.ofMinutes(10), null);
            env.log("history %s: %s, %s", HISTORY, h.path("state").asText(), h.path("counts"));

            // (2) the next campaign as a draft, rehearsed through the API
            String next = planner.create(rollout(packageId, NEXT, soak, notice));
            Rehearsal predicted = rehearse(planner, next, seeds);
            env.log("rehearsal of %s: %,d orgs × %d seeds in %d ms: makespan median %s (90 %%: %s … %s), failures "
                    + "%d … %d, halt %.0f %%", NEXT, predicted.orgs, seeds, predicted.elapsedMs, predicted.makespan,
                    predicted.makespanP5, predicted.makespanP95, predicted.failuresP5, predicted.failuresP95,
                    predicted.halt * 100);

            // (3) the same campaign for real
            planner.schedule(next);
            Real real;
            try (Window measured = env.measuring("the rehearsed campaign, for real")) {
                real = Real.of(planner.awaitFinal(next, Duration.ofMinutes(20),
                        done -> env.log("  … %,d of %,d orgs finished", done, predicted.orgs)));
            }
            env.log("real run of %s: %s after %s, %d failed (%s)", NEXT, real.state, real.span, real.failures,
                    real.counts);
            // (4) the comparison
            compare(result, predicted, real);
            stages(result, env, planner.stageMicros(next, Instant.EPOCH));
            if ("HALTED".equals(real.state)) {
                // a halted campaign holds its orgs (it may be resumed): end it so the next one can take them
                planner.api().post("/api/v1/campaigns/" + next + "/cancel", Map.of("reason", "benchmark: halted"));
                planner.awaitFinal(next, Duration.ofMinutes(2), null);
                env.log("the real run halted: %s", real.reason);
            }

            // (5) a bad release: rehearsed blind, piloted on one pod, rehearsed again, run
            String bad = planner.create(rollout(packageId, BAD, soak, notice));
            Rehearsal blind = rehearse(planner, bad, seeds);
            Map<String, Object> pilotBody = rollout(packageId, BAD, soak, notice);
            pilotBody.put("name", "pilot of " + BAD + " on " + PILOT_POD);
            pilotBody.put("selection", Map.of("instances", List.of(PILOT_POD)));
            pilotBody.remove("strategy"); // one wave: the pod's orgs, judged by the gate
            String pilot = planner.create(pilotBody);
            planner.schedule(pilot);
            Real piloted = Real.of(planner.awaitFinal(pilot, Duration.ofMinutes(5), null));
            env.log("pilot of %s on %s: %s, %s", BAD, PILOT_POD, piloted.state, piloted.counts);
            Rehearsal warned = rehearse(planner, bad, seeds);
            env.log("rehearsal of %s: halt %.0f %% with no history of it, %.0f %% after the pilot (median halt after %s)",
                    BAD, blind.halt * 100, warned.halt * 100, warned.haltAfter);
            planner.schedule(bad);
            Real badRun;
            try (Window measured = env.measuring("the bad release, for real")) {
                badRun = Real.of(planner.awaitFinal(bad, Duration.ofMinutes(10), null));
            }
            env.log("real run of %s: %s after %s (%s)", BAD, badRun.state, badRun.span, badRun.counts);
            compareBad(result, blind, warned, piloted, badRun);
        }
    }

    /** The simulated fleet's models, set once: what the twin must find out from history alone. */
    static Map<String, String> world(double timeScale) {
        String f = "upshift.executor.simulated.failures.";
        Map<String, String> world = new LinkedHashMap<>();
        world.put("upshift.executor.simulated.latency.median", "5m");
        world.put("upshift.executor.simulated.latency.p99", "20m");
        world.put("upshift.executor.simulated.latency.max", "30m");
        world.put("upshift.executor.simulated.time-scale", String.valueOf(timeScale));
        world.put(f + "fleet.ApexTestFailure", "0.01");
        world.put(f + "fleet.LockingFailure", "0.01");
        world.put(f + "instances." + WORSE_POD + ".ApexTestFailure", "0.06");
        world.put(f + "chronic-share", "0.005");
        world.put(f + "versions.[" + BAD + "].ApexTestFailure", String.valueOf(BAD_RATE));
        return world;
    }

    /** A production rollout: sandboxes first, a 5 % canary, doubling waves, each judged by the gate. */
    static Map<String, Object> rollout(String packageId, String version, Duration soak, Duration notice) {
        Map<String, Object> campaign = PlannerClient.campaign("rollout of " + version, packageId, version);
        campaign.put("strategy", Map.of("sandboxesFirst", true, "canary", Map.of("percent", 5),
                // the smoke run (no soak) ramps in one wave after the canary: three waves instead of six
                "ramp", Map.of("type", soak.isZero() ? "SINGLE" : "DOUBLING"), "minimumWaveDuration", soak.toString()));
        campaign.put("pacing", Map.of("maxInFlight", 200, "maxInFlightPerInstance", 40, "expectedUpgradeDuration", "PT3S"));
        campaign.put("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", MINIMUM_FINISHED));
        campaign.put("schedule", new LinkedHashMap<>(Map.of("noticePeriod", notice.toString())));
        campaign.put("orgTimeout", "PT10M");
        return campaign;
    }

    /** What a rehearsal projected, read from its report. */
    record Rehearsal(long orgs, long elapsedMs, Duration makespan, Duration makespanP5, Duration makespanP95,
            long failuresMedian, long failuresP5, long failuresP95, double halt, Duration haltAfter, JsonNode report) {

        static Rehearsal of(JsonNode view) {
            JsonNode r = view.path("report");
            JsonNode m = r.path("makespan");
            return new Rehearsal(r.path("orgs").asLong(), view.path("elapsedMs").asLong(), duration(m.path("median")),
                    duration(m.path("p5")), duration(m.path("p95")),
                    r.path("failed").path("median").asLong() + r.path("timedOut").path("median").asLong(),
                    r.path("failed").path("p5").asLong() + r.path("timedOut").path("p5").asLong(),
                    r.path("failed").path("p95").asLong() + r.path("timedOut").path("p95").asLong(),
                    r.path("halt").path("probability").asDouble(), duration(r.path("halt").path("medianHaltAfter")), r);
        }
    }

    /** What the real run did, from the planner's own view of the campaign. */
    record Real(String state, String reason, Instant start, Duration span, Duration startDelay, long failures,
            long released, JsonNode counts, JsonNode waves) {

        static Real of(JsonNode status) {
            JsonNode c = status.path("counts");
            Instant start = instant(status.path("startsAt"));
            // a HALTED campaign is not finished (it may be resumed): it ended when its wave halted
            Instant end = instant(status.path("finishedAt"));
            for (JsonNode w : status.path("waves")) {
                Instant waveEnd = instant(w.path("finishedAt"));
                if (end == null && waveEnd != null && "HALTED".equals(w.path("state").asText())) {
                    end = waveEnd;
                }
            }
            if (start == null || end == null) {
                throw new IllegalStateException("campaign " + status.path("id").asText() + " ended "
                        + status.path("state").asText() + " without a start and an end: " + status.path("stateReason")
                        + " " + c);
            }
            long released = c.path("SUCCEEDED").asLong() + c.path("FAILED").asLong() + c.path("TIMED_OUT").asLong()
                    + c.path("DISPATCHED").asLong();
            Instant started = instant(status.path("startedAt"));
            return new Real(status.path("state").asText(), status.path("stateReason").asText(""), start,
                    Duration.between(start, end),
                    started == null ? Duration.ZERO : Duration.between(start, started),
                    c.path("FAILED").asLong() + c.path("TIMED_OUT").asLong(), released, c, status.path("waves"));
        }
    }

    private static Rehearsal rehearse(PlannerClient planner, String campaignId, int seeds) {
        String id = planner.api().post("/api/v1/campaigns/" + campaignId + "/rehearsals",
                Map.of("seeds", seeds, "firstSeed", 1)).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            JsonNode view = planner.api().get("/api/v1/rehearsals/" + id);
            switch (view.path("state").asText()) {
                case "DONE" -> {
                    return Rehearsal.of(view);
                }
                case "FAILED" -> throw new IllegalStateException("rehearsal " + id + " failed: " + view.path("error"));
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("rehearsal " + id + " still running after 10 min");
                    }
                    Pause.of(Duration.ofMillis(200));
                }
            }
        }
    }

    private static void compare(Result result, Rehearsal predicted, Real real) {
        double predictedSeconds = seconds(predicted.makespan != null ? predicted.makespan : predicted.haltAfter);
        double realSeconds = seconds(real.span);
        result.figure("predicted_makespan_seconds", predictedSeconds, "s",
                "rehearsal: makespan median, plan start → completion (" + predicted.orgs + " orgs)")
                .figure("predicted_makespan_p5_seconds", seconds(predicted.makespanP5), "s", "rehearsal: 5th percentile")
                .figure("predicted_makespan_p95_seconds", seconds(predicted.makespanP95), "s",
                        "rehearsal: 95th percentile")
                .figure("predicted_failures_p5", predicted.failuresP5, "orgs", "rehearsal: failures, 5th percentile")
                .figure("predicted_failures_median", predicted.failuresMedian, "orgs", "rehearsal: failures, median")
                .figure("predicted_failures_p95", predicted.failuresP95, "orgs", "rehearsal: failures, 95th percentile")
                .figure("predicted_halt_probability", predicted.halt, "", "rehearsal: share of runs a gate halted")
                .figure("rehearsal_seconds", predicted.elapsedMs / 1000.0, "s",
                        "the rehearsal's own run time (" + predicted.orgs + " orgs × seeds, through the API)")
                .baseline("real_makespan_seconds", realSeconds, "s",
                        "the real run: startsAt → finishedAt (" + real.state + ")")
                .baseline("real_failures", real.failures, "orgs", "the real run: failed + timed out")
                .baseline("real_start_delay_seconds", seconds(real.startDelay), "s",
                        "the real run: startsAt → startedAt (the planner noticing the start)");
        double ratio = result.ratio("headline_real_to_predicted_makespan", "real_makespan_seconds",
                "predicted_makespan_seconds", "real makespan ÷ rehearsal's median");
        long outside = Math.max(0, Math.max(predicted.failuresP5 - real.failures, real.failures - predicted.failuresP95));
        result.target("real makespan within 10 % of the rehearsal's median (deviation, %)",
                Math.abs(ratio - 1) * 100, "<", 10);
        result.target("real failures inside the rehearsal's 90 % interval (orgs outside it)", outside, "<=", 0);
        result.detail("waves", waves(predicted.report.path("waves"), real.start, real.waves));
        result.detail("real_counts", real.counts);
        result.detail("twin", predicted.report.path("twin"));
    }

    private static void compareBad(Result result, Rehearsal blind, Rehearsal warned, Real pilot, Real real) {
        boolean halted = "HALTED".equals(real.state);
        result.figure("bad_blind_halt_probability", blind.halt, "", "bad release, rehearsed with no history of "
                        + BAD + ": share of runs halted")
                .figure("bad_halt_probability", warned.halt, "", "bad release, rehearsed after the pilot on " + PILOT_POD
                        + " (" + pilot.released + " pushes, " + pilot.failures + " failed, " + pilot.state + ")")
                .figure("bad_real_halted", halted ? 1 : 0, "", "the real run of the bad release halted (1) or not (0)")
                .baseline("bad_real_halt_seconds", seconds(real.span), "s", "the real bad run: startsAt → halt (or end)")
                .figure("bad_real_released", real.released, "orgs", "the real bad run: orgs released")
                .figure("bad_predicted_max_exposed", warned.report.path("safety").path("maxExposed").asLong(), "orgs",
                        "rehearsal: most orgs a halted wave released, over the runs");
        if (warned.haltAfter != null) {
            result.figure("bad_predicted_halt_seconds", seconds(warned.haltAfter), "s",
                    "rehearsal: median time from the start to the halt");
            result.ratio("bad_real_to_predicted_halt", "bad_real_halt_seconds", "bad_predicted_halt_seconds",
                    "real time to the halt ÷ rehearsal's median");
        }
        // where the runs halted and what the twin knew, for both rehearsals (a halt with no history of the version
        // comes from what the twin fitted for the others: the chronic orgs' wave, a pod)
        result.detail("bad_blind_halts", blind.report.path("halt"));
        result.detail("bad_blind_twin", blind.report.path("twin"));
        result.detail("bad_warned_halts", warned.report.path("halt"));
        result.target("bad release: rehearsal (after the pilot) predicts the halt (probability)", warned.halt, ">=", 0.5);
        result.target("bad release: the real run halts (1 = halted)", halted ? 1 : 0, ">=", 1);
    }

    /**
     * Where a real push's time went (means over the campaign's commands): the push itself (what the twin is
     * fitted from and draws) and the hops around it that the rehearsal does not draw — released → published
     * → started, finished → applied — which compressed time makes a larger share of each slot turnover.
     */
    private static void stages(Result result, BenchEnvironment env, Map<String, long[]> stages) {
        String[] keys = {"real_release_to_publish_seconds", "real_publish_to_start_seconds", "real_push_seconds",
                "real_finish_to_apply_seconds"};
        double[] means = new double[keys.length];
        int i = 0;
        for (Map.Entry<String, long[]> stage : stages.entrySet()) {
            means[i] = java.util.Arrays.stream(stage.getValue()).average().orElse(0) / 1e6;
            result.baseline(keys[i], means[i], "s", "the real run, mean per push: " + stage.getKey());
            i++;
        }
        double overhead = means[0] + means[1] + means[3];
        result.baseline("real_hops_per_push_seconds", overhead, "s",
                "the real run, mean per push: the hops around the push (not in the rehearsal)");
        env.log("real pushes: %.2f s mean; hops around each %.3f s (release → publish %.3f, → start %.3f, finish → "
                + "apply %.3f)", means[2], overhead, means[0], means[1], means[3]);
    }

    /** Each wave's projected start and end next to the real ones, in seconds after the campaign's planned start. */
    private static List<Map<String, Object>> waves(JsonNode projected, Instant start, JsonNode real) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (JsonNode w : projected) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", w.path("number").asInt());
            row.put("kind", w.path("kind").asText());
            row.put("size", w.path("size").asLong());
            row.put("predicted_start_s", round(seconds(duration(w.path("startAfter")))));
            row.put("predicted_end_s", round(seconds(duration(w.path("endAfter")))));
            rows.add(row);
        }
        for (JsonNode w : real) {
            for (Map<String, Object> row : rows) {
                if (row.get("number").equals(w.path("number").asInt())) {
                    Instant s = instant(w.path("startedAt"));
                    Instant e = instant(w.path("finishedAt"));
                    row.put("real_start_s", s == null ? null : round(Duration.between(start, s).toMillis() / 1000.0));
                    row.put("real_end_s", e == null ? null : round(Duration.between(start, e).toMillis() / 1000.0));
                    row.put("real_state", w.path("state").asText());
                }
            }
        }
        return rows;
    }

    private static Duration duration(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : Duration.parse(node.asText());
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null
                : Instant.parse(node.asText());
    }

    private static double seconds(Duration d) {
        return d == null ? Double.NaN : d.toMillis() / 1000.0;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** One of {@link #PODS} pods, NA100 … NA109, by org id. */
    static String pod(String orgId) {
        return "NA" + (100 + Math.floorMod(orgId.hashCode(), PODS));
    }
}
