package io.upshift.bench.statusreads;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.PlannerClient;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.schemas.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Status reads (#21): {@code GET /api/v1/campaigns/{id}} — what the CLI's status, the console's
 * campaign page and every dashboard poll — on a running campaign while its outcomes apply at full
 * speed (2 executors, the simulated fleet at zero latency, one wave, no caps). The counts come from
 * the wave counters. Same-run baselines, taken in turn with each GET on the same database: a
 * primary-key read of the campaign row (the floor of any read), and the GROUP BY over the targets
 * that the view used before (what the counters replace).
 */
public final class StatusReads implements Benchmark {

    private static final List<String> VERSIONS = List.of(Fleets.INSTALLED, "4.2.1");
    /** A console page polling every second, a dashboard, a script: reads are paced, not a flood. */
    private static final Duration PACE = Duration.ofMillis(20);

    @Override
    public String name() {
        return "status-reads";
    }

    @Override
    public String title() {
        return "Status reads: GET /campaigns/{id} on a running campaign while outcomes apply at full speed vs a primary-key read";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int orgs = size.pick(1_000, 30_000, 100_000);
        Result result = new Result(name(), title(), size)
                .parameter("orgs", orgs)
                .parameter("executors", 2)
                .parameter("gateway", "simulated fleet, zero latency, no failures")
                .parameter("campaign", "one wave, no caps, gate off")
                .parameter("reads", "one GET, one primary-key read, one GROUP BY over the targets and one GET "
                        + "/api/v1/orgs/{id} in turn, every "
                        + PACE.toMillis() + " ms, from the first release to the last outcome applied");
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(2).withoutNotifier()
                .withExecutor(Fleets.ZERO_LATENCY);
        env.log("starting the planner and 2 executors");
        Histogram get = new Histogram(60_000_000L, 3);
        Histogram primaryKey = new Histogram(60_000_000L, 3);
        Histogram groupBy = new Histogram(60_000_000L, 3);
        // the same HTTP stack, authentication and JSON for the cheapest read: what any GET costs on a saturated machine
        Histogram httpKey = new Histogram(60_000_000L, 3);
        long finishedAtStart;
        long finishedAtEnd;
        try (LocalUpshift upshift = env.startUpshift(run, settings);
                KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            DataSource database = env.plannerDatabase(run);
            PlannerClient planner = new PlannerClient(upshift.plannerUrl(), upshift.adminKey(), database);
            String packageId = PlannerClient.packageId(env.nextNumber());
            planner.registerPackage(packageId, VERSIONS);
            FleetOptions fleet = Fleets.eligible(orgs, 21);
            List<String> orgIds = Fleets.orgs(fleet).limit(1_000).map(o -> o.orgId()).toList();
            planner.importCsv(packageId, Fleets.csv(Fleets.orgs(fleet), env.workDirectory()));
            kafka.awaitStable(BenchEnvironment.executorGroup(run), 2, Topics.UPGRADE_COMMANDS.name(),
                    Duration.ofMinutes(2));
            Map<String, Object> campaign = PlannerClient.campaign("status reads", packageId, VERSIONS.get(1));
            Duration notice = Duration.ofSeconds(Math.max(5, orgs / 4_000));
            @SuppressWarnings("unchecked")
            Map<String, Object> schedule = (Map<String, Object>) campaign.get("schedule");
            schedule.put("noticePeriod", notice.toString());
            String id = planner.create(campaign);
            planner.schedule(id);
            env.log("campaign %s scheduled, releases start in %d s", id, notice.toSeconds());
            planner.awaitFirstRelease(id, notice.plusMinutes(2));
            JsonNode status;
            try (Connection connection = database.getConnection();
                    PreparedStatement byKey = connection.prepareStatement(
                            "select * from campaign where campaign_id = ?");
                    PreparedStatement byState = connection.prepareStatement(
                            "select state, count(*) from campaign_target where campaign_id = ? group by state");
                    Window measured = env.measuring("status reads")) {
                UUID campaignId = UUID.fromString(id);
                byKey.setObject(1, campaignId);
                byState.setObject(1, campaignId);
                status = planner.status(id);
                finishedAtStart = finished(status);
                long deadline = System.nanoTime() + Duration.ofSeconds(180 + orgs / 100).toNanos();
                do {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("campaign " + id + " is still running: " + status.path("counts"));
                    }
                    long next = System.nanoTime() + PACE.toNanos();
                    long t0 = System.nanoTime();
                    status = planner.status(id);
                    long t1 = System.nanoTime();
                    read(byKey);
                    long t2 = System.nanoTime();
                    read(byState);
                    long t3 = System.nanoTime();
                    planner.api().get("/api/v1/orgs/" + orgIds.get((int) (get.getTotalCount() % orgIds.size())));
                    long t4 = System.nanoTime();
                    // the reads taken while outcomes apply: the last one, which found the campaign final, does not
                    // count — unless it is the only one (a tiny campaign can finish before the first read)
                    if (!PlannerClient.FINAL_STATES.contains(status.path("state").asText()) || get.getTotalCount() == 0) {
                        get.recordValue((t1 - t0) / 1_000);
                        primaryKey.recordValue((t2 - t1) / 1_000);
                        groupBy.recordValue((t3 - t2) / 1_000);
                        httpKey.recordValue((t4 - t3) / 1_000);
                    }
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                } while (!PlannerClient.FINAL_STATES.contains(status.path("state").asText()));
                finishedAtEnd = finished(status);
            }
            if (!"COMPLETED".equals(status.path("state").asText()) || status.path("counts").path("SUCCEEDED").asLong() != orgs) {
                throw new IllegalStateException("the campaign ended " + status.path("state").asText() + " with "
                        + status.path("counts") + ", expected " + orgs + " SUCCEEDED");
            }
            long groupByTotal = planner.query("select count(*) from campaign_target where campaign_id = ? and state = 'SUCCEEDED'",
                    id, rs -> rs.getLong(1));
            if (groupByTotal != orgs) {
                throw new IllegalStateException("the view counted " + orgs + " SUCCEEDED, the targets " + groupByTotal);
            }
            PlannerClient.CommandTimes times = planner.commandTimes(id);
            double seconds = times.span().toNanos() / 1e9;
            result.figure("applying_orgs_per_second", orgs / seconds, "orgs/s",
                    "outcomes applied meanwhile: first command released → last outcome applied");
            env.log("%,d orgs in %.1f s = %,.0f orgs/s while %d GETs were served", orgs, seconds, orgs / seconds,
                    get.getTotalCount());
        }
        if (get.getTotalCount() == 0) {
            throw new IllegalStateException("the campaign finished before a single read was taken");
        }
        result.figure("reads", get.getTotalCount(), "GETs", "GETs taken while outcomes applied ("
                + finishedAtStart + " → " + finishedAtEnd + " orgs finished)");
        percentiles(result, "get", get, false, "GET /api/v1/campaigns/{id}");
        percentiles(result, "group_by", groupBy, false, "the former counts: GROUP BY state over the campaign's targets");
        percentiles(result, "primary_key", primaryKey, true, "primary-key read of the campaign row (JDBC, same database)");
        percentiles(result, "http_primary_key", httpKey, true,
                "GET /api/v1/orgs/{id} through the planner API (a primary-key read behind the same HTTP stack)");
        result.ratio("headline_get_p99_to_primary_key_p99", "get_p99", "primary_key_p99",
                "GET p99 ÷ primary-key read p99");
        result.ratio("get_p99_to_http_primary_key_p99", "get_p99", "http_primary_key_p99",
                "GET p99 ÷ GET /orgs/{id} p99 (the same HTTP stack)");
        result.ratio("group_by_p99_to_primary_key_p99", "group_by_p99", "primary_key_p99",
                "GROUP BY p99 ÷ primary-key read p99");
        result.target("GET /campaigns/{id} p99 ≤ 50 ms on a running " + String.format("%,d", orgs)
                + "-org campaign while outcomes apply", get.getValueAtPercentile(99) / 1_000.0, "<=", 50);
        Map<String, Object> histograms = new LinkedHashMap<>();
        histograms.put("get_max_ms", get.getMaxValue() / 1_000.0);
        histograms.put("primary_key_max_ms", primaryKey.getMaxValue() / 1_000.0);
        histograms.put("group_by_max_ms", groupBy.getMaxValue() / 1_000.0);
        histograms.put("http_primary_key_max_ms", httpKey.getMaxValue() / 1_000.0);
        result.detail("max", histograms);
        return result;
    }

    private static void percentiles(Result result, String key, Histogram h, boolean baseline, String what) {
        for (double p : new double[] {50, 99}) {
            String k = key + "_p" + (int) p;
            double ms = h.getValueAtPercentile(p) / 1_000.0;
            result.figure(baseline, k, ms, "ms", what + ", p" + (int) p);
        }
    }

    private static long finished(JsonNode status) {
        JsonNode c = status.path("counts");
        return c.path("SUCCEEDED").asLong() + c.path("FAILED").asLong() + c.path("SKIPPED").asLong()
                + c.path("CANCELED").asLong() + c.path("TIMED_OUT").asLong();
    }

    private static void read(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }
}
