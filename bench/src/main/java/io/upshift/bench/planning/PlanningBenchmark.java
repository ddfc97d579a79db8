package io.upshift.bench.planning;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.support.CpuClock;
import io.upshift.bench.support.HeapWatch;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.Pause;
import io.upshift.bench.support.PlannerClient;
import io.upshift.bench.support.ServiceProcess;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.Profiler;
import io.upshift.bench.support.Window;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.planner.PlannerApplication;
import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.security.apikey.domain.ApiKeyToken;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/**
 * Planning at scale: the planner — its own process, with its own heap — imports a realistic
 * fleet from CSV through its API, then a campaign over it is created, previewed and scheduled
 * (sandboxes first, a canary, doubling waves, real maintenance windows; every notice published).
 * Baseline in the same run on the same database: a PostgreSQL COPY of every row planning stores —
 * the same orgs into tables of the inventory's shape, measured before and after (their mean), plus
 * the campaign's target rows into a table of campaign_target's shape (#21, decision 2).
 */
public final class PlanningBenchmark implements Benchmark {

    static final String TARGET = "4.3.1";

    @Override
    public String name() {
        return "planning";
    }

    @Override
    public String title() {
        return "Planning: import + preview + schedule vs PostgreSQL COPY of the same rows, with the planner's peak heap";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int orgs = size.pick(2_000, 100_000, 1_000_000);
        String heap = "1g";
        long seed = 20261123;
        FleetOptions fleet = FleetOptions.defaults(orgs, seed);
        Result result = new Result(name(), title(), size)
                .parameter("orgs", orgs)
                .parameter("fleet", "generator defaults: realistic windows, 30 % sandboxes, a few inactive, beta or uninstalled")
                .parameter("campaign", "sandboxes first, 5 % canary, doubling waves, 72 h notice, maintenance windows respected")
                .parameter("planner", "its own JVM, -Xmx" + heap);
        String run = env.newRun(name());
        String database = "planner_" + run;
        Map<String, String> properties = new LinkedHashMap<>(env.stack().springProperties(database));
        properties.put("spring.kafka.consumer.group-id", run + "-planner");
        properties.put("upshift.instance-id", "planner-bench");
        // a fresh bootstrap ADMIN key for this planner process, as LocalUpshift gives its planner
        String adminKey = ApiKeyToken.generate(new SecureRandom()).value();
        properties.put("upshift.security.api-keys.bootstrap-admin-key", adminKey);
        try (KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            kafka.startAtEnd(List.of(run + "-planner"));
        }
        Path csv = Files.createTempFile(env.workDirectory(), "planning", ".csv");
        long writeStart = System.nanoTime();
        io.upshift.fleet.generator.FleetCsv.write(new FleetGenerator(fleet).stream(), csv);
        env.log("wrote the fleet's CSV (%,d orgs, %d MB) in %.1f s", orgs, Files.size(csv) >> 20,
                (System.nanoTime() - writeStart) / 1e9);
        Path recording = env.workDirectory().resolve("planning-planner.jfr");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"));
        jvm.addAll(ServiceProcess.inheritedFlags());
        DataSource db = env.stack().dataSource(database);

        double planning;
        Window plannerWindow = null;
        try (ServiceProcess planner = ServiceProcess.start("planning-planner", PlannerApplication.class, "planner-service",
                jvm, properties, env.workDirectory(), Duration.ofMinutes(3))) {
            PlannerClient client = new PlannerClient(planner.baseUrl(), adminKey, db);
            String packageId = PlannerClient.packageId(env.nextNumber());
            List<String> versions = new ArrayList<>();
            FleetOptions.DEFAULT_INSTALLED_VERSIONS.forEach(v -> versions.add(v.value()));
            versions.add(TARGET);
            client.registerPackage(packageId, versions);
            client.admin().post("/api/v1/packages/" + packageId + "/versions", Map.of("versionId", "04tBn" + packageId.substring(5, 13) + "99",
                    "version", fleet.betaVersion(), "releaseState", "BETA"));

            // Baseline first (and again at the end): COPY of the same rows
            String storedId = SalesforceIds.normalize(packageId, SalesforceIds.PACKAGE_PREFIX, "packageId");
            double copyBefore = CopyBaseline.seconds(db, storedId, () -> new FleetGenerator(fleet).stream());
            env.log("COPY baseline: %.2f s", copyBefore);

            double cpuBefore = CpuClock.processSeconds(planner.pid());
            String campaignId;
            long eligible;
            try (HeapWatch watch = new HeapWatch(planner, Duration.ofMillis(200));
                    Window measured = env.measuring("import + create + preview + schedule")) {
                plannerWindow = measured;
                long t0 = System.nanoTime();
                JsonNode imported = client.importCsv(packageId, csv);
                long t1 = System.nanoTime();
                campaignId = client.create(campaign(packageId));
                long t2 = System.nanoTime();
                JsonNode preview = client.preview(campaignId);
                long t3 = System.nanoTime();
                client.schedule(campaignId);
                long t4 = System.nanoTime();
                measured.close();
                eligible = preview.path("eligible").asLong();
                env.log("import %.2f s (%s inserted), create %.2f s, preview %.2f s (%,d eligible), schedule %.2f s",
                        (t1 - t0) / 1e9, imported.path("inserted").asText(), (t2 - t1) / 1e9, (t3 - t2) / 1e9, eligible,
                        (t4 - t3) / 1e9);
                long noticesOut = awaitNoticesOut(client, campaignId, Duration.ofMinutes(10));
                long t5 = System.nanoTime();
                planning = (t4 - t0) / 1e9;
                double cpu = CpuClock.processSeconds(planner.pid()) - cpuBefore;
                result.figure("import_seconds", (t1 - t0) / 1e9, "s", "import of the CSV through the API")
                        .figure("create_seconds", (t2 - t1) / 1e9, "s", "campaign created")
                        .figure("preview_seconds", (t3 - t2) / 1e9, "s", "preview (eligibility, waves, windows)")
                        .figure("schedule_seconds", (t4 - t3) / 1e9, "s", "schedule (waves and targets written; "
                                + "the relay builds the notices from the targets)")
                        .figure("planning_seconds", planning, "s", "import + create + preview + schedule")
                        .figure("planning_rows_per_second", orgs / planning, "orgs/s", "orgs planned per second")
                        .figure("eligible", eligible, "orgs", "eligible orgs in the campaign")
                        .figure("notices_published_seconds", (t5 - t4) / 1e9, "s",
                                "schedule → every notice published to Kafka (" + noticesOut + " notices)")
                        .figure("notices_per_second", noticesOut / ((t5 - t4) / 1e9), "notices/s",
                                "notices published per second after the schedule")
                        .figure("planner_peak_heap_mb", watch.peakHeapMb(), "MB", "planner's peak heap in use (sampled every 200 ms)")
                        .figure("planner_peak_live_mb", watch.peakLiveDataMb(), "MB", "planner's largest live data after a GC")
                        .figure("planner_cpu_seconds", cpu, "CPU-s", "planner process CPU during the planning");
            }
            double copyAfter = CopyBaseline.seconds(db, storedId, () -> new FleetGenerator(fleet).stream());
            env.log("COPY baseline again: %.2f s", copyAfter);
            double targetCopy = CopyBaseline.targetSeconds(db, campaignId);
            env.log("COPY of the campaign's target rows: %.2f s", targetCopy);
            double inventoryCopy = (copyBefore + copyAfter) / 2;
            double copy = inventoryCopy + targetCopy;
            result.baseline("copy_seconds", copy, "s", "COPY of every row planning stores: inventory + targets")
                    .baseline("copy_inventory_seconds", inventoryCopy, "s",
                            "COPY of the same orgs and installations (mean of before and after)")
                    .baseline("copy_targets_seconds", targetCopy, "s",
                            "COPY of the campaign's " + String.format("%,d", eligible) + " target rows (after the planning)")
                    .baseline("copy_rows_per_second", orgs / inventoryCopy, "orgs/s", "inventory COPY rows per second")
                    .baseline("copy_before_seconds", copyBefore, "s", "inventory COPY, before the planning")
                    .baseline("copy_after_seconds", copyAfter, "s", "inventory COPY, after the planning");
            double ratio = result.ratio("headline_planning_to_copy", "planning_seconds", "copy_seconds",
                    "planning ÷ COPY of inventory and targets (seconds)");
            result.ratio("import_to_copy", "import_seconds", "copy_inventory_seconds", "import alone ÷ inventory COPY");
            result.ratio("schedule_to_copy", "schedule_seconds", "copy_targets_seconds", "schedule alone ÷ targets COPY");
            result.ratio("preview_to_copy", "preview_seconds", "copy_seconds", "preview ÷ COPY of inventory and targets");
            result.target("planning " + String.format("%,d", orgs) + " orgs ≤ 1.5 × the COPY of inventory and targets "
                    + "(stated for 1,000,000: --size large)", ratio, "<=", 1.5);
        } finally {
            Files.deleteIfExists(csv);
        }
        if (Files.exists(recording)) {
            result.serviceProfile("planner", Profiler.summarise(recording, Double.NaN, Double.NaN, planning,
                    plannerWindow == null ? List.of() : List.of(plannerWindow)));
        }
        return result;
    }

    private static Map<String, Object> campaign(String packageId) {
        Map<String, Object> campaign = PlannerClient.campaign("planning at scale", packageId, TARGET);
        campaign.put("strategy", Map.of("sandboxesFirst", true, "canary", Map.of("percent", 5),
                "ramp", Map.of("type", "DOUBLING")));
        campaign.put("schedule", Map.of("noticePeriod", "PT72H"));
        campaign.put("pacing", Map.of("maxInFlight", 500, "maxInFlightPerInstance", 50, "expectedUpgradeDuration", "PT10M"));
        campaign.put("gate", Map.of("failureThresholdPercent", 5, "minimumFinished", 50));
        return campaign;
    }

    /**
     * Waits until the relay published every notice of the campaign (no target still owes one: V33);
     * returns how many there were. Polls once a second: each poll reads the campaign's targets.
     */
    private static long awaitNoticesOut(PlannerClient client, String campaignId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long[] counts = client.query("select count(*) filter (where notice_id is not null), "
                    + "count(*) filter (where state = 'PLANNED' and notice_id is null) from campaign_target "
                    + "where campaign_id = ?", campaignId, rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            if (counts[1] == 0) {
                return counts[0];
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(counts[1] + " notices still unpublished after " + timeout);
            }
            Pause.of(Duration.ofSeconds(1));
        }
    }
}
