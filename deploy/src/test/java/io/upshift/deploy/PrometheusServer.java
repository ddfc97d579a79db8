package io.upshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus process (the {@code prometheus} binary on the PATH) in a temporary directory,
 * scraping the given targets with our rules loaded, and a client for its HTTP query API.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;
    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.url = "http://127.0.0.1:" + port;
    }

    /**
     * Starts Prometheus.
     *
     * @param targets {@code /actuator/prometheus} URLs by job name
     * @param ruleFiles rule files to load
     * @param interval scrape and rule evaluation interval
     */
    static PrometheusServer start(Map<String, List<String>> targets, List<Path> ruleFiles, Duration interval) {
        try {
            Path directory = Files.createTempDirectory("upshift-prometheus");
            StringBuilder config = new StringBuilder();
            String seconds = interval.toSeconds() + "s";
            config.append("global: {scrape_interval: ").append(seconds).append(", evaluation_interval: ").append(seconds)
                    .append(", scrape_timeout: ").append(seconds).append("}\n");
            config.append("rule_files:\n");
            ruleFiles.forEach(f -> config.append("  - '").append(f.toAbsolutePath()).append("'\n"));
            config.append("scrape_configs:\n");
            targets.forEach((job, urls) -> {
                URI first = URI.create(urls.getFirst());
                config.append("  - job_name: ").append(job).append('\n')
                        .append("    metrics_path: ").append(first.getPath()).append('\n')
                        // as in prometheus-compose.yml and prometheus-kubernetes.yml
                        .append("    honor_labels: true\n")
                        .append("    static_configs:\n      - targets: [");
                config.append(String.join(", ", urls.stream()
                        .map(u -> "'" + URI.create(u).getHost() + ":" + URI.create(u).getPort() + "'").toList()));
                config.append("]\n");
            });
            Path file = directory.resolve("prometheus.yml");
            Files.writeString(file, config);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder("prometheus", "--config.file=" + file,
                    "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
            return new PrometheusServer(directory, process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return url;
    }

    /** The generated configuration, for messages. */
    String config() {
        return read(directory.resolve("prometheus.yml"));
    }

    String log() {
        return read(directory.resolve("prometheus.log"));
    }

    boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An instant query at the current time through {@code /api/v1/query}. */
    Result query(String expression) {
        String form = "query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asString(""))) {
                return new Result(expression, body.path("errorType").asString("") + ": " + body.path("error").asString(""),
                        0, null);
            }
            JsonNode data = body.path("data");
            int series = data.path("resultType").asString("").equals("vector") || data.path("resultType").asString("").equals("matrix")
                    ? data.path("result").size() : 1;
            return new Result(expression, null, series, data.path("result"));
        } catch (IOException e) {
            return new Result(expression, e.toString(), 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * What a query answered.
     *
     * @param error null when Prometheus evaluated it
     * @param series how many series (or 1 for a scalar or string result)
     */
    record Result(String expression, String error, int series, JsonNode data) {

        boolean hasSeries() {
            return error == null && series > 0;
        }

        String describe() {
            return error != null ? "error " + error : series == 0 ? "no series" : series + " series";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
