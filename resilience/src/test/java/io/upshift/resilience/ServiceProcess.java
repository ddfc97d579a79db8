package io.upshift.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Upshift service as an operating-system process: {@code java -jar <service>-exec.jar} with
 * the devstack's addresses as command-line properties, its output appended to a log file. It can
 * be stopped gracefully (SIGTERM), killed (SIGKILL, as {@code kill -9} does) and started again on
 * the same ports, so clients keep their URLs across a restart.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> properties;
    /** Secrets go in the environment: command-line arguments show in {@code ps} and in start-up logs. */
    private final Map<String, String> environment;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    ServiceProcess(String name, Path jar, Map<String, String> properties, Map<String, String> environment,
            List<String> jvmOptions, Path logDirectory) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.httpPort = Ports.free();
        this.managementPort = Ports.free();
        this.log = logDirectory.resolve(name + ".log");
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("server.port", String.valueOf(httpPort));
        all.put("management.server.port", String.valueOf(managementPort));
        all.put("upshift.instance-id", name);
        all.put("spring.main.banner-mode", "off");
        this.properties = Map.copyOf(all);
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + httpPort;
    }

    String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    Path log() {
        return log;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Launches the process; {@link #awaitReady} waits until it serves. */
    synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running already");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no runnable jar at " + jar
                    + " (build the services first: ./mvnw -pl resilience -am verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== start " + (++starts) + " of " + name + " ====\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the readiness probe answers UP; fails with the end of the log if the process dies. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up:\n" + logTail(60));
            }
            if (readiness() == 200) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + logTail(60));
    }

    /** {@code kill -9}: no shutdown hook, no commit, no goodbye to the consumer group. */
    void kill() {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        awaitExit(current, Duration.ofSeconds(30));
    }

    /** SIGTERM, then up to {@code grace} for a graceful shutdown, then SIGKILL. */
    void stop(Duration grace) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!awaitExit(current, grace)) {
            current.destroyForcibly();
            awaitExit(current, Duration.ofSeconds(30));
        }
    }

    /** The HTTP status of {@code /actuator/health/readiness}, or 0 when nothing answers. */
    int readiness() {
        return status(managementUrl() + "/actuator/health/readiness");
    }

    /** The service's {@code /actuator/prometheus} page. */
    String metrics() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(managementUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
