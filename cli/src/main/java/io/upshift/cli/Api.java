package io.upshift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner's REST API over plain HTTP, the API key in {@code X-API-Key}. Every answer of 400 or
 * more becomes a {@link CliException} with the problem detail in one line: exit 4 for 401 and 403,
 * 1 for the rest; a planner that cannot be reached is exit 3.
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String apiKey;
    private final HttpClient http;

    Api(String baseUrl, String apiKey) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String baseUrl() {
        return base.toString();
    }

    /** An answer with its body; {@link #json()} reads it. */
    record Answer(int status, Optional<String> etag, byte[] body) {

        JsonNode json() {
            return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, null, null);
    }

    JsonNode getJson(String path) {
        return get(path).json();
    }

    Answer postJson(String path, Object body, String ifMatch) {
        return send("POST", path, body == null ? null : JSON.writeValueAsBytes(body), "application/json", ifMatch);
    }

    Answer putJson(String path, Object body, String ifMatch) {
        return send("PUT", path, JSON.writeValueAsBytes(body), "application/json", ifMatch);
    }

    Answer postFile(String path, Path file, String ifMatch) {
        try {
            return send("POST", path, java.nio.file.Files.readAllBytes(file), contentType(file), ifMatch);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A GET whose body is streamed to the caller (the results CSV can hold a million lines). */
    InputStream stream(String path) {
        HttpResponse<InputStream> response = exchange(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 400) {
            try (InputStream body = response.body()) {
                throw failure(response.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw new CliException(ExitCode.API_FAILED, "HTTP " + response.statusCode() + " from " + path);
            }
        }
        return response.body();
    }

    private Answer send(String method, String path, byte[] body, String contentType, String ifMatch) {
        HttpRequest.Builder request = request(path);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), response.body());
        }
        return new Answer(response.statusCode(), response.headers().firstValue("ETag"), response.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json, text/csv");
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-API-Key", apiKey);
        }
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw cannotConnect(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCode.CANNOT_CONNECT, "no answer from " + base + " within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw cannotConnect(e);
            }
            throw new CliException(ExitCode.CANNOT_CONNECT, "cannot talk to " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.API_FAILED, "interrupted");
        }
    }

    private CliException cannotConnect(Exception e) {
        return new CliException(ExitCode.CANNOT_CONNECT, "cannot connect to " + base
                + " (is the planner running? check the URL of the profile or UPSHIFT_URL)");
    }

    static CliException failure(int status, byte[] body) {
        JsonNode problem = null;
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            problem = text.isBlank() ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            // not JSON: the line shows the text
        }
        String line = Problems.line(status, problem, text);
        if (status == 401) {
            return new ApiFailure(ExitCode.UNAUTHORIZED, "unauthorized: " + line
                    + " — run `upshift login` with a valid key, or set UPSHIFT_API_KEY", problem);
        }
        if (status == 403) {
            return new ApiFailure(ExitCode.UNAUTHORIZED, "forbidden: " + line, problem);
        }
        return new ApiFailure(ExitCode.API_FAILED, line, problem);
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".csv") ? "text/csv" : "text/plain";
    }

    /** A refusal by the API, with its problem detail for commands that print more of it (the import's lines). */
    static final class ApiFailure extends CliException {

        private final transient JsonNode problem;

        ApiFailure(int exitCode, String message, JsonNode problem) {
            super(exitCode, message);
            this.problem = problem;
        }

        JsonNode problem() {
            return problem;
        }
    }
}
