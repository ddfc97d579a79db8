package io.upshift.bench;

import io.upshift.bench.support.CpuClock;
import io.upshift.bench.support.KafkaGroups;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.devstack.DevStack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What every benchmark runs on: one devstack (broker, PostgreSQL, SMTP, schema registry) shared
 * by the measured side and its baseline, a scratch directory, the console for progress lines, and
 * a way to start Upshift's services so that each run is isolated from the ones before it (its own
 * databases, its own consumer groups starting at the end of every topic).
 */
public final class BenchEnvironment {

    private final DevStack stack;
    private final Path workDirectory;
    private final PrintStream out;
    private final CpuClock cpu;
    private final String logConfig;
    private final AtomicInteger runs = new AtomicInteger();
    private final List<Window> windows = new java.util.ArrayList<>();

    public BenchEnvironment(DevStack stack, Path workDirectory, PrintStream out, String logConfig) {
        this.stack = stack;
        this.workDirectory = workDirectory;
        this.out = out;
        this.logConfig = logConfig;
        this.cpu = CpuClock.forPostgresOnPort(stack.postgresPort());
        try {
            Files.createDirectories(workDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DevStack stack() {
        return stack;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public CpuClock cpu() {
        return cpu;
    }

    /**
     * Opens a measured window (close it when the measurement ends): the benchmark's profile and
     * CPU figures cover only its windows, not the set-up around them.
     */
    public Window measuring(String label) {
        Window window = new Window(label, cpu);
        synchronized (windows) {
            windows.add(window);
        }
        return window;
    }

    /** The windows opened since the last call, which forgets them (the runner calls it after each benchmark). */
    public List<Window> takeWindows() {
        synchronized (windows) {
            List<Window> taken = List.copyOf(windows);
            windows.clear();
            taken.forEach(Window::close);
            return taken;
        }
    }

    /** A progress line on the console. */
    public void log(String format, Object... args) {
        out.printf(Locale.ROOT, "  " + format + "%n", args);
    }

    /** A name unique in this JVM, usable as a database suffix, schema and group name: {@code e2e_3}. */
    public String newRun(String benchmark) {
        return benchmark.replace('-', '_') + "_" + runs.incrementAndGet();
    }

    /** A number unique in this JVM (package ids, campaign names). */
    public int nextNumber() {
        return runs.incrementAndGet();
    }

    /**
     * Starts the planner, executors and (unless left out) the notifier for one run: databases
     * {@code planner_<run>}, {@code notifier_<run>}, {@code fleet_<run>}, consumer groups
     * {@code <run>-planner} … that start at the end of every topic, quiet logs.
     */
    public LocalUpshift startUpshift(String run, LocalUpshift.Settings settings) {
        List<String> groups = List.of(run + "-planner", run + "-executor", run + "-notifier");
        try (KafkaGroups kafka = new KafkaGroups(stack.kafkaBootstrapServers())) {
            kafka.startAtEnd(groups);
        }
        Map<String, String> logging = new LinkedHashMap<>();
        if (logConfig != null) {
            logging.put("logging.config", logConfig);
        }
        Map<String, String> planner = with(logging, "spring.kafka.consumer.group-id", groups.get(0));
        // the benchmarks' campaigns give notices of seconds (or none): they measure, nobody is told
        planner.put("upshift.planner.planning.minimum-notice-period", "0s");
        LocalUpshift.Settings isolated = settings.withDatabase(run)
                .withPlanner(planner)
                .withExecutor(with(logging, "spring.kafka.consumer.group-id", groups.get(1)))
                .withNotifier(with(logging, "spring.kafka.consumer.group-id", groups.get(2)));
        // the settings' own maps win over ours where both name a property
        isolated = isolated.withPlanner(settings.planner()).withExecutor(settings.executor())
                .withNotifier(settings.notifier());
        return LocalUpshift.start(stack, isolated);
    }

    /** The consumer group of the executors of {@code run} (see {@link #startUpshift}). */
    public static String executorGroup(String run) {
        return run + "-executor";
    }

    public DataSource plannerDatabase(String run) {
        return stack.dataSource("planner_" + run);
    }

    public DataSource notifierDatabase(String run) {
        return stack.dataSource("notifier_" + run);
    }

    public DataSource fleetDatabase(String run) {
        return stack.dataSource("fleet_" + run);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
