package io.upshift.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for Upshift's REST APIs, as a script would use them. Every call
 * that does not answer 2xx throws with the problem details the service sent.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A client that authenticates with an API key (sent as {@code X-API-Key}). */
    public ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The same service, as the holder of another key. */
    public ApiClient as(String otherKey) {
        return new ApiClient(baseUrl, otherKey);
    }

    /** Creates an API key with these roles (the caller must be an ADMIN) and returns its value. */
    public String createKey(String name, String... roles) {
        return post("/api/v1/api-keys", java.util.Map.of("name", name, "roles", java.util.List.of(roles)))
                .path("key").asText();
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    public JsonNode postFile(String path, Path file, String contentType) {
        try {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        }
    }

    public String getText(String path) {
        return exchange(request(path).GET()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json, application/problem+json, text/csv");
    }

    private JsonNode send(HttpRequest.Builder request) {
        String body = exchange(request).body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body(), response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new ApiException(request.method() + " " + request.uri() + " failed: " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", 0);
        }
    }

    /** A call answered with an error (status 0: no answer at all). */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
