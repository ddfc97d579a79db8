package io.upshift.planner.support;

import io.upshift.security.testing.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny HTTP client for the planner's REST API in integration tests: status, headers and JSON
 * body. It calls as someone: by default a release manager who may administer and operate (but not
 * approve); {@link #as} calls as another person with a real signed token, {@link #withApiKey} with
 * an API key, {@link #anonymous} without credentials.
 */
public final class Api {

    /** Who {@code api()} calls as unless a test says otherwise. */
    public static final String DEFAULT_CALLER = "release-manager";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Supplier<Map<String, String>> credentials;

    public Api(int port) {
        this(port, bearer(DEFAULT_CALLER, "ADMIN", "OPERATOR"));
    }

    private Api(int port, Supplier<Map<String, String>> credentials) {
        this.base = "http://localhost:" + port;
        this.credentials = credentials;
    }

    /** The same API, called by {@code name} holding {@code roles} (a fresh token per call). */
    public Api as(String name, String... roles) {
        return new Api(port(), bearer(name, roles));
    }

    public Api withApiKey(String key) {
        return new Api(port(), () -> Map.of("X-API-Key", key));
    }

    public Api anonymous() {
        return new Api(port(), Map::of);
    }

    /** Calls with exactly these headers for credentials (a bad token, a revoked key…). */
    public Api withHeaders(Map<String, String> headers) {
        return new Api(port(), () -> headers);
    }

    private int port() {
        return URI.create(base).getPort();
    }

    private static Supplier<Map<String, String>> bearer(String name, String... roles) {
        return () -> Map.of("Authorization", "Bearer " + TestIssuer.shared().token(name, roles));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public Response post(String path) {
        return post(path, null);
    }

    public Response put(String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request);
    }

    public Response postWithIfMatch(String path, String json, String ifMatch) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("If-Match", ifMatch).POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** Any method, any content type, any body publisher: for the calls the shortcuts above do not cover. */
    public Response send(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        credentials.get().forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** An answer: status, headers and the body (as text, and as JSON when it is JSON). */
    public record Response(int status, HttpResponse<String> raw, String text) {

        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }
}
