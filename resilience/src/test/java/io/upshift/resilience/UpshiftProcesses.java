package io.upshift.resilience;

import io.upshift.demo.LocalUpshift;
import io.upshift.devstack.DevStack;
import io.upshift.security.apikey.domain.ApiKeyToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upshift as it runs in production, one process per service: the planner, N executors and the
 * notifier, each started from its runnable jar against the devstack, each with its own ports and
 * log file. Any of them can be killed with SIGKILL and started again. A watchdog process kills
 * them all if this JVM dies without cleaning up (they would otherwise outlive the test run).
 */
final class UpshiftProcesses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpshiftProcesses.class);

    /** Ample for five JVMs starting at once on a busy two-core machine. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /**
     * Five service JVMs share two cores with the broker and PostgreSQL: the C1 compiler alone
     * halves their start-up CPU, and these services wait on I/O far more than they compute.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");

    private final DevStack stack;
    private final FleetDatabase fleet;
    private final LocalUpshift.Settings settings;
    private final Path jars;
    private final Path logs;
    private final Path pidFile;
    private final ServiceProcess planner;
    private final List<ServiceProcess> executors = new ArrayList<>();
    private final ServiceProcess notifier;
    private final Process watchdog;
    /**
     * A fresh ADMIN key per run, the planner's and the notifier's bootstrap key (as the demo does):
     * nothing committed, and it dies with the run. Handed over in the environment, never logged.
     */
    private final String adminKey = ApiKeyToken.generate(new SecureRandom()).value();

    private UpshiftProcesses(DevStack stack, FleetDatabase fleet, LocalUpshift.Settings settings, Path jars, Path logs) {
        this.stack = stack;
        this.fleet = fleet;
        this.settings = settings;
        this.jars = jars;
        this.logs = logs;
        this.pidFile = logs.resolve("service-pids");
        Map<String, String> bootstrap = Map.of("UPSHIFT_BOOTSTRAP_ADMIN_KEY", adminKey);
        planner = service("planner", "planner-service", settings.planner(), bootstrap, "planner");
        for (int i = 1; i <= settings.executors(); i++) {
            // the executor has no API, so no key
            executors.add(service("executor-" + i, "executor-service", executorProperties(), Map.of(), null));
        }
        notifier = service("notifier", "notifier-service", settings.notifier(), bootstrap, "notifier");
        watchdog = startWatchdog();
    }

    /**
     * Starts every service (in parallel: their start-ups overlap) and waits until each is ready.
     * The executors' simulated fleet keeps its state in {@code fleet}.
     */
    static UpshiftProcesses start(DevStack stack, FleetDatabase fleet, LocalUpshift.Settings settings) {
        Path jars = Path.of(System.getProperty("upshift.services.directory", "target/services"));
        Path logs = Path.of(System.getProperty("upshift.logs.directory", "target/fault-logs"));
        UpshiftProcesses processes = new UpshiftProcesses(stack, fleet, settings, jars, logs);
        try {
            processes.startAll(processes.all());
        } catch (RuntimeException e) {
            processes.close();
            throw e;
        }
        return processes;
    }

    ServiceProcess planner() {
        return planner;
    }

    ServiceProcess executor(int number) {
        return executors.get(number - 1);
    }

    List<ServiceProcess> executors() {
        return List.copyOf(executors);
    }

    ServiceProcess notifier() {
        return notifier;
    }

    List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(planner);
        all.addAll(executors);
        all.add(notifier);
        return all;
    }

    /** Where every service writes its log. */
    Path logs() {
        return logs;
    }

    /** The run's bootstrap ADMIN API key (planner and notifier). */
    String adminKey() {
        return adminKey;
    }

    DevStack stack() {
        return stack;
    }

    /** The planner's own database on the devstack. */
    String plannerDatabase() {
        return database("planner");
    }

    /** SIGKILL, as {@code kill -9 <pid>}. */
    void kill(ServiceProcess service) {
        long pid = service.pid();
        service.kill();
        writePids();
        log.info("killed {} (pid {}) with SIGKILL", service.name(), pid);
    }

    /** Starts a stopped or killed service again on its ports and waits until it is ready. */
    void restart(ServiceProcess service) {
        startAll(List.of(service));
    }

    /** Starts whatever is not running (after a test that killed something and failed half-way). */
    void reviveAll() {
        List<ServiceProcess> dead = all().stream().filter(s -> !s.isAlive()).toList();
        if (!dead.isEmpty()) {
            startAll(dead);
        }
    }

    @Override
    public void close() {
        // All at once: at the end of a test run nothing is in flight, and the test JVM's exit must not wait long.
        List<Thread> stopping = all().stream().map(s -> Thread.ofPlatform().start(() -> s.stop(STOP_TIMEOUT))).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchdog.destroyForcibly();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // only the watchdog reads it, and it is gone
        }
    }

    private void startAll(List<ServiceProcess> services) {
        long started = System.nanoTime();
        services.forEach(ServiceProcess::start);
        writePids();
        List<CompletableFuture<Void>> ready = services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(START_TIMEOUT)))
                .toList();
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        log.info("{} ready in {} s", services.stream().map(ServiceProcess::name).toList(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private ServiceProcess service(String name, String module, Map<String, String> extra,
            Map<String, String> environment, String database) {
        Map<String, String> properties = new LinkedHashMap<>(stack.springProperties(
                database == null ? null : database(database)));
        properties.putAll(extra);
        Path jar = jars.resolve(module + "-exec.jar");
        return new ServiceProcess(name, jar, properties, environment, JVM_OPTIONS, logs);
    }

    private Map<String, String> executorProperties() {
        Map<String, String> properties = new LinkedHashMap<>(settings.executor());
        properties.put("upshift.executor.simulated.jdbc-url", fleet.jdbcUrl());
        properties.put("upshift.executor.simulated.username", fleet.user());
        properties.put("upshift.executor.simulated.password", fleet.password());
        return properties;
    }

    private String database(String name) {
        return settings.database() == null ? name : name + "_" + settings.database();
    }

    private synchronized void writePids() {
        String pids = all().stream().filter(ServiceProcess::isAlive).map(s -> String.valueOf(s.pid()))
                .collect(Collectors.joining(" "));
        try {
            Files.createDirectories(logs);
            Files.writeString(pidFile, pids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shell that outlives this JVM only to SIGKILL the services this JVM left behind. */
    private Process startWatchdog() {
        writePids();
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 2; done; "
                + "kill -9 $(cat '" + pidFile.toAbsolutePath() + "') 2>/dev/null";
        try {
            return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the watchdog", e);
        }
    }
}
