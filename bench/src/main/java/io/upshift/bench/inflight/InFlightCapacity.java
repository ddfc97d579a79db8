package io.upshift.bench.inflight;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.support.CommandFeed;
import io.upshift.bench.support.CpuClock;
import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.Pause;
import io.upshift.bench.support.Profiler;
import io.upshift.bench.support.ServiceProcess;
import io.upshift.bench.support.Window;
import io.upshift.executor.ExecutorApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-flight capacity: one executor — its own process, -Xmx512m — takes N commands whose pushes
 * take ten minutes, so all N are in flight at once. Measured after a full GC: heap used, live
 * threads, and CPU over an idle-waiting stretch. Baseline in the same run: the same process with
 * nothing in flight (so the difference is what holding N upgrades costs).
 */
public final class InFlightCapacity implements Benchmark {

    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap[^\\n]*?used (\\d+)K");

    @Override
    public String name() {
        return "in-flight";
    }

    @Override
    public String title() {
        return "In-flight capacity: one executor holding N ten-minute upgrades (heap, threads, idle CPU) vs the same executor idle";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        // the targets are stated for 50,000 (--size large); the default size holds 5,000 to keep the full run
        // within its ten minutes (#21, decision 4)
        int inFlight = size.pick(2_000, 5_000, 50_000);
        // the smoke run only checks that the figures come out; a real run idles long enough to average the CPU
        Duration idleWindow = Duration.ofSeconds(size.pick(3, 5, 20));
        String heap = "512m";
        Result result = new Result(name(), title(), size)
                .parameter("in_flight", inFlight)
                .parameter("executor", "its own JVM, -Xmx" + heap + ", G1, max-in-flight = N")
                .parameter("gateway", "simulated fleet, every push takes 10 minutes")
                .parameter("idle_window_seconds", idleWindow.toSeconds());
        String run = env.newRun(name());
        String group = BenchEnvironment.executorGroup(run);
        try (KafkaGroups kafka = new KafkaGroups(env.stack().kafkaBootstrapServers())) {
            kafka.startAtEnd(List.of(group));
        }
        Map<String, String> properties = new LinkedHashMap<>(env.stack().springProperties(null));
        properties.put("spring.kafka.consumer.group-id", group);
        properties.put("upshift.instance-id", "executor-capacity");
        properties.put("upshift.executor.max-in-flight", String.valueOf(inFlight));
        properties.put("upshift.executor.shutdown-grace", "1s");
        properties.put("upshift.executor.simulated.jdbc-url", env.stack().jdbcUrl("fleet_" + run));
        properties.put("upshift.executor.simulated.username", env.stack().databaseUser());
        properties.put("upshift.executor.simulated.password", env.stack().databasePassword());
        properties.put("upshift.executor.simulated.latency.median", "10m");
        properties.put("upshift.executor.simulated.latency.p99", "10m");
        properties.put("upshift.executor.simulated.latency.max", "10m");
        Path recording = env.workDirectory().resolve("in-flight-executor.jfr");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseG1GC",
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"));
        jvm.addAll(ServiceProcess.inheritedFlags());

        double wall;
        Window fullWindow = null;
        long begun = System.nanoTime();
        try (ServiceProcess executor = ServiceProcess.start("in-flight-executor", ExecutorApplication.class,
                "executor-service", jvm, properties, env.workDirectory(), Duration.ofMinutes(3))) {
            // Baseline: the same executor, started and idle
            Pause.of(Duration.ofSeconds(5));
            Snapshot idle = snapshot(executor, idleWindow);
            env.log("idle executor: heap after GC %.0f MB, %d threads, %.1f %% of a core", idle.heapMb, idle.threads,
                    idle.cpuPercent);

            long sendStart = System.nanoTime();
            long sent = CommandFeed.send(env.stack().kafkaBootstrapServers(), env.stack().schemaRegistryUrl(),
                    Fleets.orgs(Fleets.eligible(inFlight, 50)), UUID.randomUUID(), "033Bn0000000050", "4.2.1", Instant.now());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            double running = 0;
            while (System.nanoTime() < deadline) {
                var metrics = executor.metrics();
                running = ServiceProcess.sum(metrics, "upshift_executor_upgrades_in_flight", labels -> true);
                if (running >= inFlight) {
                    break;
                }
                if (!executor.isAlive()) {
                    throw new IllegalStateException("the executor died: " + executor.tail(30));
                }
                Pause.of(Duration.ofMillis(500));
            }
            double reachSeconds = (System.nanoTime() - sendStart) / 1e9;
            if (running < inFlight) {
                throw new IllegalStateException("only " + (long) running + " of " + inFlight
                        + " upgrades in flight after 5 minutes");
            }
            env.log("%,d commands sent; %,d upgrades in flight after %.1f s", sent, (long) running, reachSeconds);
            Snapshot full;
            try (Window measured = env.measuring(inFlight + " in flight, idle-waiting")) {
                fullWindow = measured;
                full = snapshot(executor, idleWindow);
            }
            env.log("with %,d in flight: heap after GC %.0f MB, %d threads, %.1f %% of a core", inFlight, full.heapMb,
                    full.threads, full.cpuPercent);

            result.figure("heap_mb", full.heapMb, "MB", "heap used after a full GC, " + inFlight + " upgrades in flight")
                    .figure("threads", full.threads, "threads", "live threads, " + inFlight + " in flight")
                    .figure("idle_cpu_percent", full.cpuPercent, "% of a core",
                            "CPU while waiting on " + inFlight + " upgrades (" + idleWindow.toSeconds() + " s)")
                    .figure("bytes_per_upgrade", (full.heapMb - idle.heapMb) * (1 << 20) / inFlight, "bytes",
                            "heap per upgrade in flight (difference to idle ÷ N)")
                    .figure("seconds_to_fill", reachSeconds, "s", "commands sent → all " + inFlight + " in flight")
                    .baseline("idle_heap_mb", idle.heapMb, "MB", "heap used after a full GC, nothing in flight")
                    .baseline("idle_threads", idle.threads, "threads", "live threads, nothing in flight")
                    .baseline("idle_idle_cpu_percent", idle.cpuPercent, "% of a core", "CPU, nothing in flight");
            result.ratio("heap_to_idle", "heap_mb", "idle_heap_mb", "heap ÷ idle heap");
            result.ratio("threads_to_idle", "threads", "idle_threads", "threads ÷ idle threads");
            result.target(String.format("%,d in flight in ≤ 512 MB heap (stated for 50,000)", inFlight), full.heapMb, "<=", 512)
                    .target(String.format("%,d in flight with < 100 threads (stated for 50,000)", inFlight), full.threads,
                            "<", 100);
            wall = (System.nanoTime() - begun) / 1e9;
        }
        if (Files.exists(recording)) {
            result.serviceProfile("executor", Profiler.summarise(recording, Double.NaN, Double.NaN, wall,
                    fullWindow == null ? List.of() : List.of(fullWindow)));
        }
        return result;
    }

    private record Snapshot(double heapMb, int threads, double cpuPercent) {
    }

    /** A full GC, the heap in use after it, the live threads, then CPU over an idle stretch. */
    private static Snapshot snapshot(ServiceProcess executor, Duration idleWindow) {
        executor.jcmd("GC.run");
        String heapInfo = executor.jcmd("GC.heap_info");
        Matcher used = HEAP_USED.matcher(heapInfo);
        double heapMb = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        if (Double.isNaN(heapMb)) {
            heapMb = ServiceProcess.sum(executor.metrics(), "jvm_memory_used_bytes", l -> l.contains("area=\"heap\""))
                    / (1 << 20);
        }
        int threads = (int) ServiceProcess.sum(executor.metrics(), "jvm_threads_live_threads", l -> true);
        double cpuBefore = CpuClock.processSeconds(executor.pid());
        long start = System.nanoTime();
        Pause.of(idleWindow);
        double cpu = CpuClock.processSeconds(executor.pid()) - cpuBefore;
        double percent = 100 * cpu / ((System.nanoTime() - start) / 1e9);
        return new Snapshot(heapMb, threads, percent);
    }
}
