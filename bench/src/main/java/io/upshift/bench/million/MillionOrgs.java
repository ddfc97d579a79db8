package io.upshift.bench.million;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.endtoend.DurableState;
import io.upshift.bench.endtoend.RawKafkaPipeline;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.MemoryWatch;
import io.upshift.bench.support.PlannerClient;
import io.upshift.bench.support.Records;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.CachingSchemaRegistryClient;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.JsonNode;

/**
 * A million orgs end to end (#21, {@code --size large}; smaller sizes run the same code): one
 * campaign over every org of the simulated fleet (zero latency, no failures, 2 executors, one wave,
 * no caps, a 5-second notice period) from the schedule call to the last outcome applied, then every
 * invariant checked — each eligible org in exactly one terminal state, the view's counters equal to
 * the targets, no org upgraded twice and the fleet agreeing, the outcome events on Kafka equal to
 * the planner's counts — with the peak memory of this JVM (which hosts the devstack, the planner and
 * the executors, as {@code ./upshift run} does) and of PostgreSQL. Baseline, same run: the durable
 * minimum (plain Kafka clients + one PostgreSQL row write per org and hop) over the same orgs.
 */
public final class MillionOrgs implements Benchmark {

    private static final List<String> VERSIONS = List.of(Fleets.INSTALLED, "4.2.1");
    private static final String TARGET = VERSIONS.get(1);

    @Override
    public String name() {
        return "million-orgs";
    }

    @Override
    public String title() {
        return "A campaign over N orgs end to end (schedule → last outcome applied, every invariant checked) vs the durable minimum";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        // -Dupshift.bench.million-orgs.orgs=N runs it at another size (a machine that cannot hold a million)
        int orgs = Integer.getInteger("upshift.bench.million-orgs.orgs", size.pick(500, 20_000, 1_000_000));
        Result result = new Result(name(), title(), size)
                .parameter("orgs", orgs)
                .parameter("executors", 2)
                .parameter("gateway", "simulated fleet, zero latency, no failures")
                .parameter("campaign", "one wave, no caps, gate off, notice period 5 s (releases follow the notices out)")
                .parameter("jvm", "one JVM for the devstack, planner and executors (as ./upshift run), max heap "
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(2).withoutNotifier()
                .withExecutor(Fleets.ZERO_LATENCY);
        FleetOptions fleet = Fleets.eligible(orgs, 1_000_000);
        List<String> violations = new ArrayList<>();
        String campaignId;
        try (LocalUpshift upshift = env.startUpshift(run, settings);
                KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            DataSource database = env.plannerDatabase(run);
            PlannerClient planner = new PlannerClient(upshift.plannerUrl(), upshift.adminKey(), database);
            String packageId = PlannerClient.packageId(env.nextNumber());
            planner.registerPackage(packageId, VERSIONS);
            long t0 = System.nanoTime();
            planner.importCsv(packageId, Fleets.csv(Fleets.orgs(fleet), env.workDirectory()));
            env.log("imported %,d orgs in %.1f s", orgs, (System.nanoTime() - t0) / 1e9);
            kafka.awaitStable(BenchEnvironment.executorGroup(run), 2, Topics.UPGRADE_COMMANDS.name(),
                    Duration.ofMinutes(2));
            Map<String, Object> campaign = PlannerClient.campaign("a million orgs", packageId, TARGET);
            @SuppressWarnings("unchecked")
            Map<String, Object> schedule = (Map<String, Object>) campaign.get("schedule");
            schedule.put("noticePeriod", "PT5S");
            campaignId = planner.create(campaign);
            long eligible = planner.preview(campaignId).path("eligible").asLong();
            JsonNode status;
            Instant scheduledAt;
            try (MemoryWatch memory = new MemoryWatch(env.cpu(), Duration.ofMillis(500));
                    Window measured = env.measuring("schedule → last outcome applied")) {
                scheduledAt = Instant.now();
                long s0 = System.nanoTime();
                planner.schedule(campaignId);
                double scheduleSeconds = (System.nanoTime() - s0) / 1e9;
                env.log("campaign %s scheduled (%,d eligible) in %.1f s", campaignId, eligible, scheduleSeconds);
                status = planner.awaitFinal(campaignId, Duration.ofSeconds(300 + orgs / 200),
                        done -> env.log("  … %,d of %,d orgs finished", done, eligible));
                measured.close();
                memory.close();
                PlannerClient.CommandTimes times = planner.commandTimes(campaignId);
                double total = Duration.between(scheduledAt, times.lastApplied()).toNanos() / 1e9;
                double releaseToApplied = times.span().toNanos() / 1e9;
                result.figure("seconds", total, "s", "schedule call → last outcome applied")
                        .figure("schedule_seconds", scheduleSeconds, "s", "the schedule call (targets and notices written)")
                        .figure("release_to_applied_seconds", releaseToApplied, "s", "first command released → last outcome applied")
                        .figure("upshift_orgs_per_second", eligible / releaseToApplied, "orgs/s",
                                "first command released → last outcome applied, orgs per second")
                        .figure("jvm_peak_heap_mb", memory.peakHeapMb(), "MB",
                                "this JVM's peak heap in use (devstack + planner + 2 executors, sampled every 500 ms)")
                        .figure("jvm_peak_rss_mb", memory.peakRssMb(), "MB", "this JVM's peak resident set (VmHWM"
                                + (memory.peakRssSinceStart() ? ", since the schedule call)" : ", over its whole life)"))
                        .figure("postgres_peak_mb", memory.peakPostgresMb(), "MB",
                                "PostgreSQL's peak memory (Pss of the postmaster and its backends, sampled every 500 ms)");
                env.log("%,d orgs: %.1f s from schedule to the last outcome applied; heap peak %.0f MB, RSS peak %.0f MB,"
                        + " PostgreSQL peak %.0f MB", eligible, total, memory.peakHeapMb(), memory.peakRssMb(),
                        memory.peakPostgresMb());
            }
            long i0 = System.nanoTime();
            checkTargets(planner, campaignId, status, eligible, violations);
            checkFleet(env.fleetDatabase(run), status, violations);
            checkOutcomeEvents(env, campaignId, status, violations);
            result.figure("invariants_seconds", (System.nanoTime() - i0) / 1e9, "s", "checking every invariant");
        }
        violations.forEach(v -> env.log("INVARIANT BROKEN: %s", v));
        result.figure("violations", violations.size(), "invariants", "invariants broken (listed in the notes)");
        violations.forEach(v -> result.note("invariant broken: " + v));

        // Baseline: the durable minimum over the same orgs (records held in memory: up to 300,000)
        int sample = Math.min(orgs, 300_000);
        FleetOptions baselineFleet = Fleets.eligible(sample, 1_000_000);
        Records records = Records.of(baselineFleet, env.stack().schemaRegistryUrl());
        String bootstrap = env.stack().kafkaBootstrapServers();
        int commandPartitions;
        int outcomePartitions;
        try (KafkaGroups kafka = new KafkaGroups(bootstrap)) {
            commandPartitions = kafka.partitions(Topics.UPGRADE_COMMANDS.name());
            outcomePartitions = kafka.partitions(Topics.UPGRADE_OUTCOMES.name());
        }
        DurableState durable = new DurableState(env.plannerDatabase(run), "bench_durable_minimum");
        try {
            durable.create(records.keys());
            RawKafkaPipeline.Measurement measured = new RawKafkaPipeline(bootstrap, commandPartitions, outcomePartitions)
                    .runDurable(records.keys(), records.commands(), records.outcomes(), 2, durable,
                            Duration.ofSeconds(60 + sample / 500));
            result.baseline("durable_orgs_per_second", measured.perSecond(), "orgs/s", "durable minimum, 2 relays, "
                    + String.format("%,d", sample) + " orgs: plain Kafka + each org's state written once per hop");
        } finally {
            durable.drop();
        }
        result.ratio("headline_upshift_to_durable", "upshift_orgs_per_second", "durable_orgs_per_second",
                "Upshift (release → applied) ÷ durable minimum, orgs per second");
        result.target("every invariant holds at the end of a " + String.format("%,d", orgs) + "-org campaign (violations)",
                violations.size(), "<=", 0);
        return result;
    }

    /** Each eligible org in exactly one terminal state; the view's counts (wave counters) equal the targets. */
    private static void checkTargets(PlannerClient planner, String id, JsonNode status, long eligible,
            List<String> violations) {
        if (!"COMPLETED".equals(status.path("state").asText())) {
            violations.add("the campaign ended " + status.path("state").asText() + ": " + status.path("counts"));
        }
        long targets = planner.query("select count(*) from campaign_target where campaign_id = ?", id, rs -> rs.getLong(1));
        if (targets != eligible) {
            violations.add(targets + " targets for " + eligible + " eligible orgs");
        }
        Map<String, Long> byState = new TreeMap<>();
        planner.query("select string_agg(state || '=' || n, ',') from (select state, count(*) n from campaign_target "
                + "where campaign_id = ? group by state) s", id, rs -> rs.getString(1)).lines()
                .flatMap(l -> List.of(l.split(",")).stream()).forEach(kv -> {
                    String[] p = kv.split("=");
                    byState.put(p[0], Long.parseLong(p[1]));
                });
        for (String state : List.of("PLANNED", "NOTIFIED", "DISPATCHED")) {
            if (byState.getOrDefault(state, 0L) > 0) {
                violations.add(byState.get(state) + " orgs left " + state);
            }
        }
        JsonNode counts = status.path("counts");
        counts.propertyNames().forEach(state -> {
            if (counts.path(state).asLong() != byState.getOrDefault(state, 0L)) {
                violations.add("the view counts " + counts.path(state).asLong() + " " + state + ", the targets "
                        + byState.getOrDefault(state, 0L));
            }
        });
    }

    /** No org upgraded twice; every SUCCEEDED org runs the target version in the fleet. */
    private static void checkFleet(DataSource fleet, JsonNode status, List<String> violations) throws Exception {
        long twice = count(fleet, "select count(*) from fleet_world.org where upgrades > 1");
        if (twice > 0) {
            violations.add(twice + " orgs upgraded more than once");
        }
        long onTarget = count(fleet, "select count(*) from fleet_world.org where upgrades = 1 and installed_version = '"
                + TARGET + "'");
        long succeeded = status.path("counts").path("SUCCEEDED").asLong();
        if (onTarget != succeeded) {
            violations.add("the fleet has " + onTarget + " orgs upgraded once to " + TARGET + ", the planner "
                    + succeeded + " SUCCEEDED");
        }
    }

    /** One terminal outcome event per org (duplicates agree), and as many of each status as the planner counts. */
    private static void checkOutcomeEvents(BenchEnvironment env, String id, JsonNode status, List<String> violations) {
        Deserializer<UpgradeOutcome> values = Topics.UPGRADE_OUTCOMES.valueDeserializer(
                new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(env.stack().schemaRegistryUrl())));
        String topic = Topics.UPGRADE_OUTCOMES.name();
        Map<UUID, String> statusByCommand = new HashMap<>();
        Map<String, UUID> commandByOrg = new HashMap<>();
        long disagreeing = 0;
        long twoCommands = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.stack().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-evidence-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    violations.add("could not read " + topic + " to its end");
                    return;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    UpgradeOutcome outcome;
                    try {
                        outcome = values.deserialize(topic, record.value());
                    } catch (RuntimeException undecodable) {
                        continue;
                    }
                    if (outcome == null || !id.equals(String.valueOf(outcome.getCampaignId()))) {
                        continue;
                    }
                    UUID command = UUID.fromString(String.valueOf(outcome.getCommandId()));
                    String state = outcome.getStatus().name();
                    String before = statusByCommand.putIfAbsent(command, state);
                    if (before != null && !before.equals(state)) {
                        disagreeing++;
                    }
                    if (!"CANCELED".equals(state)) {
                        UUID other = commandByOrg.putIfAbsent(String.valueOf(outcome.getOrgId()), command);
                        if (other != null && !other.equals(command)) {
                            twoCommands++;
                        }
                    }
                }
            }
        }
        if (disagreeing > 0) {
            violations.add(disagreeing + " duplicated outcome events disagree with the first");
        }
        if (twoCommands > 0) {
            violations.add(twoCommands + " orgs have terminal outcomes of more than one command");
        }
        Map<String, Long> events = new TreeMap<>();
        statusByCommand.values().forEach(s -> events.merge(s, 1L, Long::sum));
        JsonNode counts = status.path("counts");
        for (String state : List.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELED")) {
            if (events.getOrDefault(state, 0L) != counts.path(state).asLong()) {
                violations.add(events.getOrDefault(state, 0L) + " " + state + " outcome events, the planner counts "
                        + counts.path(state).asLong());
            }
        }
    }

    private static long count(DataSource database, String sql) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
