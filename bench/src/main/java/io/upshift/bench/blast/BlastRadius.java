package io.upshift.bench.blast;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Blast radius of a bad release: every upgrade to the target version fails (Apex tests). A
 * campaign over the fleet with a 5 % canary, a gate at 10 % failures after 20 finished orgs and
 * 100 upgrades in flight at most must halt after the canary. Measured: the orgs that ran the bad
 * version (a push job in the simulated fleet's own records), against the bound the design
 * promises — the gate's minimum sample plus the in-flight cap.
 */
public final class BlastRadius implements Benchmark {

    static final int MINIMUM_FINISHED = 20;
    static final int MAX_IN_FLIGHT = 100;
    static final String BAD = "4.2.1";

    @Override
    public String name() {
        return "blast-radius";
    }

    @Override
    public String title() {
        return "Blast radius of a bad release: orgs that ran it before the halt vs gate minimum + in-flight cap";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int orgs = size.pick(1_000, 10_000, 10_000);
        int executors = 2;
        FleetOptions fleet = Fleets.eligible(orgs, 41);
        Result result = new Result(name(), title(), size)
                .parameter("orgs", orgs)
                .parameter("failure", "every upgrade to " + BAD + " fails with ApexTestFailure")
                .parameter("campaign", "5 % canary, doubling waves, gate 10 % after " + MINIMUM_FINISHED
                        + " finished, max " + MAX_IN_FLIGHT + " in flight")
                .parameter("latency", "log-normal, median 300 ms, p99 2 s")
                .parameter("executors", executors);
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(executors).withoutNotifier()
                .withExecutor(Map.of(
                        "upshift.executor.simulated.latency.median", "300ms",
                        "upshift.executor.simulated.latency.p99", "2s",
                        "upshift.executor.simulated.latency.max", "4s",
                        "upshift.executor.simulated.failures.versions.[" + BAD + "].ApexTestFailure", "1.0"));
        long touched;
        long released;
        long halted;
        JsonNode status;
        try (LocalUpshift upshift = env.startUpshift(run, settings);
                KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            kafka.awaitStable(BenchEnvironment.executorGroup(run), executors, Topics.UPGRADE_COMMANDS.name(),
                    Duration.ofMinutes(2));
            PlannerClient planner = new PlannerClient(upshift.plannerUrl(), upshift.adminKey(), env.plannerDatabase(run));
            String packageId = PlannerClient.packageId(env.nextNumber());
            planner.registerPackage(packageId, List.of(Fleets.INSTALLED, BAD));
            planner.importCsv(packageId, Fleets.csv(Fleets.orgs(fleet), env.workDirectory()));
            Map<String, Object> campaign = PlannerClient.campaign("a bad release", packageId, BAD);
            campaign.put("strategy", Map.of("canary", Map.of("percent", 5), "ramp", Map.of("type", "DOUBLING")));
            campaign.put("pacing", Map.of("maxInFlight", MAX_IN_FLIGHT, "expectedUpgradeDuration", "PT2S"));
            campaign.put("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", MINIMUM_FINISHED));
            campaign.put("schedule", new LinkedHashMap<>(Map.of("noticePeriod", "PT5S")));
            String id = planner.create(campaign);
            planner.schedule(id);
            env.log("campaign %s: %,d orgs, a release that fails everywhere", id, orgs);
            planner.awaitFirstRelease(id, Duration.ofMinutes(2));
            try (Window measured = env.measuring("bad release")) {
                status = planner.awaitFinal(id, Duration.ofMinutes(5), null);
            }
            // pushes already under way when the gate tripped still end; count them once they have
            halted = System.nanoTime();
            long inProgress;
            do {
                Pause.of(Duration.ofMillis(500));
                inProgress = count(env, run, "select count(*) from fleet_world.push_job where status = 'IN_PROGRESS'");
            } while (inProgress > 0 && System.nanoTime() - halted < Duration.ofSeconds(60).toNanos());
            released = planner.query("select count(distinct org_id) from campaign_command where campaign_id = ?", id,
                    rs -> rs.getLong(1));
            touched = count(env, run, "select count(distinct org_id) from fleet_world.push_job where target_version = '"
                    + BAD + "'");
        }
        int bound = MINIMUM_FINISHED + MAX_IN_FLIGHT;
        result.figure("orgs_touched", touched, "orgs", "orgs that ran the bad version before the halt")
                .figure("orgs_spared", orgs - touched, "orgs", "orgs the halt kept the bad version from")
                .figure("released", released, "orgs", "orgs the planner released a command for")
                .baseline("bound", bound, "orgs", "bound: gate minimum (" + MINIMUM_FINISHED + ") + in-flight cap ("
                        + MAX_IN_FLIGHT + ")");
        double ratio = result.ratio("headline_touched_to_bound", "orgs_touched", "bound", "orgs touched ÷ bound");
        result.target("orgs touched within gate minimum + in-flight cap", touched, "<=", bound);
        result.detail("final_state", status.path("state").asText());
        result.detail("state_reason", status.path("stateReason").asText(""));
        if (!"HALTED".equals(status.path("state").asText())) {
            result.note("the campaign ended " + status.path("state").asText() + ", not HALTED");
        }
        env.log("%s: %d orgs touched, bound %d (ratio %.2f)", status.path("state").asText(), touched, bound, ratio);
        return result;
    }

    private static long count(BenchEnvironment env, String run, String sql) throws Exception {
        try (Connection connection = env.fleetDatabase(run).getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
