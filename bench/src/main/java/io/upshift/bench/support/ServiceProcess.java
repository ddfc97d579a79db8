package io.upshift.bench.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Upshift service as its own process — the way it is deployed — for benchmarks whose figures
 * belong to that service alone (its heap, its threads, its CPU): started from this JVM's class
 * path minus the other services' modules (each has its own {@code application.yml}), configured
 * with command-line arguments, read through its {@code /actuator/prometheus} and {@code jcmd}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final List<String> SERVICE_MODULES = List.of("planner-service", "executor-service",
            "notifier-service", "demo", "bench");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(String name, Process process, Path log, int httpPort, int managementPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Starts {@code application} (its module is {@code module}, e.g. executor-service) with the JVM
     * options and properties given, and waits until it reports ready.
     */
    public static ServiceProcess start(String name, Class<?> application, String module, List<String> jvmOptions,
            Map<String, String> properties, Path workDirectory, Duration startTimeout) {
        int httpPort = freePort();
        int managementPort = freePort();
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("server.port", String.valueOf(httpPort));
        all.put("management.server.port", String.valueOf(managementPort));
        all.putIfAbsent("spring.main.banner-mode", "off");
        all.putIfAbsent("logging.level.root", "WARN");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath(module));
        command.add(application.getName());
        all.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = workDirectory.resolve(name + ".log");
        try {
            Files.createDirectories(workDirectory);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, log, httpPort, managementPort);
            service.awaitReady(startTimeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The flags this JVM was started with that quiet JDK warnings (Kafka and lz4 use JDK internals). */
    public static List<String> inheritedFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--enable-native-access") || a.startsWith("--sun-misc-unsafe-memory-access"))
                .toList();
    }

    /** This JVM's class path without the other services (and without the demo and the benchmarks). */
    static String classPath(String module) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> SERVICE_MODULES.stream().filter(m -> !m.equals(module))
                        .noneMatch(m -> entry.contains(File.separator + m + File.separator + "target" + File.separator)
                                || Path.of(entry).getFileName().toString().startsWith(m + "-0")))
                .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; its log "
                        + log + " ends with:\n" + tail(40));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + managementPort + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Pause.of(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log ends with:\n" + tail(40));
    }

    /** Every sample of {@code /actuator/prometheus}: metric name → (labels → value). */
    public Map<String, Map<String, Double>> metrics() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + managementPort + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, Map<String, Double>> samples = new HashMap<>();
            for (String line : response.body().split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                Matcher m = SAMPLE.matcher(line);
                if (m.find()) {
                    samples.computeIfAbsent(m.group(1), k -> new HashMap<>())
                            .put(m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3)));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The sum of a metric's samples whose labels pass {@code labels} (NaN if there is none). */
    public static double sum(Map<String, Map<String, Double>> metrics, String name, Predicate<String> labels) {
        Map<String, Double> samples = metrics.get(name);
        if (samples == null) {
            return Double.NaN;
        }
        return samples.entrySet().stream().filter(e -> labels.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    /** Runs {@code jcmd <pid> <command…>} and returns what it printed. */
    public String jcmd(String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(String.valueOf(process.pid()));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM — a graceful stop, so a JFR recording is dumped — then, after 60 s, a kill. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
