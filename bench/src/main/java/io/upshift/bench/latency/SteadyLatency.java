package io.upshift.bench.latency;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.endtoend.RawKafkaPipeline;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.PlannerClient;
import io.upshift.bench.support.Records;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * Latency at a steady rate: a campaign capped at 60,000 commands a minute — 1,000 a second —
 * over enough orgs to keep the rate up for the whole run; every command's release → outcome
 * applied time comes from the planner's own timestamps ({@code campaign_command.issued_at} and
 * {@code applied_at}), into an HdrHistogram. The first seconds are warm-up and left out. Baseline
 * in the same run: the same hops by plain Kafka clients at the same rate, send → read.
 */
public final class SteadyLatency implements Benchmark {

    static final int RATE = 1_000;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String title() {
        return "Latency at a steady 1,000 commands/s, release → outcome applied (p50/p99/p999) vs plain Kafka at the same rate";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int seconds = size.pick(6, 10, 120);
        int warmUp = size.pick(1, 3, 10);
        int orgs = seconds * RATE;
        int executors = 2;
        FleetOptions fleet = Fleets.eligible(orgs, 21);
        Result result = new Result(name(), title(), size)
                .parameter("rate_per_second", RATE)
                .parameter("seconds", seconds)
                .parameter("warm_up_seconds", warmUp)
                .parameter("orgs", orgs)
                .parameter("executors", executors)
                .parameter("gateway", "simulated fleet, zero latency, no failures")
                .parameter("campaign", "one wave, maxCommandsPerMinute 60000, gate off");
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(executors).withoutNotifier()
                .withExecutor(Fleets.ZERO_LATENCY);
        Histogram upshift = new Histogram(60_000_000L, 3);
        double achievedRate;
        try (LocalUpshift stack = env.startUpshift(run, settings);
                KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            kafka.awaitStable(BenchEnvironment.executorGroup(run), executors, Topics.UPGRADE_COMMANDS.name(),
                    Duration.ofMinutes(2));
            PlannerClient planner = new PlannerClient(stack.plannerUrl(), stack.adminKey(), env.plannerDatabase(run));
            String packageId = PlannerClient.packageId(env.nextNumber());
            planner.registerPackage(packageId, List.of(Fleets.INSTALLED, "4.2.1"));
            planner.importCsv(packageId, Fleets.csv(Fleets.orgs(fleet), env.workDirectory()));
            Map<String, Object> campaign = PlannerClient.campaign("latency at 1,000/s", packageId, "4.2.1");
            campaign.put("pacing", Map.of("maxCommandsPerMinute", RATE * 60));
            campaign.put("schedule", new LinkedHashMap<>(Map.of("noticePeriod", "PT" + Math.max(5, orgs / 4_000) + "S")));
            String id = planner.create(campaign);
            planner.schedule(id);
            env.log("campaign %s: %,d orgs at %,d/s", id, orgs, RATE);
            planner.awaitFirstRelease(id, Duration.ofMinutes(2));
            JsonNode status;
            try (Window measured = env.measuring("1,000/s")) {
                status = planner.awaitFinal(id, Duration.ofSeconds(120 + 3L * seconds), null);
            }
            if (!"COMPLETED".equals(status.path("state").asText())) {
                throw new IllegalStateException("the campaign ended " + status.path("state").asText());
            }
            PlannerClient.CommandTimes times = planner.commandTimes(id);
            Instant measuredFrom = times.firstIssued().plusSeconds(warmUp);
            for (long micros : planner.latenciesMicros(id, measuredFrom)) {
                upshift.recordValue(Math.min(micros, upshift.getHighestTrackableValue()));
            }
            var stages = stagePercentiles(planner.stageMicros(id, measuredFrom));
            result.detail("stages_ms", stages);
            stages.forEach((stage, p) -> env.log("  %-45s p50 %8.1f ms  p99 %8.1f ms", stage, p.get("p50"), p.get("p99")));
            achievedRate = times.commands() / (Duration.between(times.firstIssued(), times.lastIssued()).toNanos() / 1e9);
        }
        result.figure("p50_ms", upshift.getValueAtPercentile(50) / 1000.0, "ms", "Upshift p50, release → outcome applied")
                .figure("p99_ms", upshift.getValueAtPercentile(99) / 1000.0, "ms", "Upshift p99")
                .figure("p999_ms", upshift.getValueAtPercentile(99.9) / 1000.0, "ms", "Upshift p99.9")
                .figure("max_ms", upshift.getMaxValue() / 1000.0, "ms", "Upshift max")
                .figure("rate", achievedRate, "commands/s", "release rate achieved (first → last release)")
                .figure("measured", upshift.getTotalCount(), "commands", "commands measured (after the warm-up)");
        env.log("Upshift: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%,d commands, %.0f/s)",
                upshift.getValueAtPercentile(50) / 1000.0, upshift.getValueAtPercentile(99) / 1000.0,
                upshift.getValueAtPercentile(99.9) / 1000.0, upshift.getTotalCount(), achievedRate);

        Records records = Records.of(fleet, env.stack().schemaRegistryUrl());
        int partitions;
        int outcomePartitions;
        try (KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            partitions = kafka.partitions(Topics.UPGRADE_COMMANDS.name());
            outcomePartitions = kafka.partitions(Topics.UPGRADE_OUTCOMES.name());
        }
        Histogram raw = new Histogram(60_000_000L, 3);
        // the same warm-up left out: the first seconds' worth of records
        new RawKafkaPipeline(env.stack().kafkaBootstrapServers(), partitions, outcomePartitions)
                .run(records.keys(), records.commands(), records.outcomes(), executors, RATE, raw, warmUp * RATE,
                        Duration.ofSeconds(60 + 2L * seconds));
        result.baseline("kafka_p50_ms", raw.getValueAtPercentile(50) / 1000.0, "ms", "plain Kafka p50, send → read")
                .baseline("kafka_p99_ms", raw.getValueAtPercentile(99) / 1000.0, "ms", "plain Kafka p99")
                .baseline("kafka_p999_ms", raw.getValueAtPercentile(99.9) / 1000.0, "ms", "plain Kafka p99.9");
        env.log("plain Kafka: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", raw.getValueAtPercentile(50) / 1000.0,
                raw.getValueAtPercentile(99) / 1000.0, raw.getValueAtPercentile(99.9) / 1000.0);
        result.ratio("headline_p99_to_kafka", "p99_ms", "kafka_p99_ms", "Upshift p99 ÷ plain Kafka p99");
        result.ratio("p50_to_kafka", "p50_ms", "kafka_p50_ms", "Upshift p50 ÷ plain Kafka p50");
        result.target("p99 ≤ 250 ms at 1,000 commands/s", result.value("p99_ms"), "<=", 250);
        result.detail("histogram_ms", percentiles(upshift));
        result.detail("kafka_histogram_ms", percentiles(raw));
        return result;
    }

    /** p50, p99 and max of each stage, in milliseconds (clock skew between services reads as 0). */
    public static Map<String, Map<String, Double>> stagePercentiles(Map<String, long[]> stages) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        stages.forEach((stage, micros) -> {
            Histogram h = new Histogram(600_000_000L, 3);
            for (long v : micros) {
                h.recordValue(Math.max(0, Math.min(v, h.getHighestTrackableValue())));
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("p50", h.getValueAtPercentile(50) / 1000.0);
            values.put("p99", h.getValueAtPercentile(99) / 1000.0);
            values.put("max", h.getMaxValue() / 1000.0);
            out.put(stage, values);
        });
        return out;
    }

    static Map<String, Double> percentiles(Histogram histogram) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (double p : new double[] {10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100}) {
            values.put("p" + p, histogram.getValueAtPercentile(p) / 1000.0);
        }
        return values;
    }
}
