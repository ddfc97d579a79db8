package io.upshift.console.api;

import io.upshift.console.ConsoleProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner's and the notifier's REST APIs, called with a person's credential. JSON comes back as
 * plain maps and lists (what the templates read); an error answer throws {@link ApiProblem}.
 */
@Component
public class Api {

    /** Which service a call goes to. */
    public enum Service {
        PLANNER, NOTIFIER
    }

    /** A successful answer: its status, its ETag (or null) and its JSON (or null). */
    public record Answer(int status, String etag, Object json) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConsoleProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(ConsoleProperties properties) {
        this.properties = properties;
    }

    public boolean hasNotifier() {
        return properties.notifierUrl() != null && !properties.notifierUrl().isBlank();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(Credential credential, String path) {
        Object json = get(credential, Service.PLANNER, path).json();
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(Credential credential, String path) {
        Object json = get(credential, Service.PLANNER, path).json();
        return json instanceof List<?> l ? (List<Object>) l : List.of();
    }

    public Answer get(Credential credential, Service service, String path) {
        return send(credential, service, "GET", path, null, null, null);
    }

    /** A JSON body (null: none), with the campaign version the person saw as If-Match (null: none). */
    public Answer sendJson(Credential credential, String method, String path, Object body, Integer ifMatch) {
        byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
        return send(credential, Service.PLANNER, method, path, bytes == null ? null : "application/json", bytes,
                ifMatch == null ? null : "\"" + ifMatch + "\"");
    }

    public Answer sendBytes(Credential credential, String method, String path, String contentType, byte[] body) {
        return send(credential, Service.PLANNER, method, path, contentType, body, null);
    }

    /** A download, passed through as it streams (the results CSV of a large campaign). */
    public HttpResponse<InputStream> download(Credential credential, String path) {
        HttpRequest request = request(credential, Service.PLANNER, path).header("Accept", "text/csv").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                try (InputStream body = response.body()) {
                    throw problem(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return response;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private Answer send(Credential credential, Service service, String method, String path, String contentType,
            byte[] body, String ifMatch) {
        HttpRequest.Builder builder = request(credential, service, path)
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw problem(response.statusCode(), response.body());
            }
            String text = response.body();
            Object json = text == null || text.isBlank() ? null : JSON.readValue(text, Object.class);
            return new Answer(response.statusCode(), response.headers().firstValue("ETag").orElse(null), json);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(e);
        }
    }

    private HttpRequest.Builder request(Credential credential, Service service, String path) {
        String base = service == Service.PLANNER ? properties.plannerUrl() : properties.notifierUrl();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (credential != null) {
            builder.header(credential.header(), credential.value());
        }
        return builder;
    }

    private static ApiProblem unreachable(Exception e) {
        return new ApiProblem(503, "The API cannot be reached", "The console could not reach the API: "
                + e.getClass().getSimpleName() + ". Try again in a moment.", List.of(), null);
    }

    @SuppressWarnings("unchecked")
    static ApiProblem problem(int status, String text) {
        Map<String, Object> body = Map.of();
        try {
            Object json = text == null || text.isBlank() ? null : JSON.readValue(text, Object.class);
            if (json instanceof Map<?, ?> m) {
                body = (Map<String, Object>) m;
            }
        } catch (RuntimeException e) {
            // not JSON: the status says enough
        }
        String title = body.get("title") instanceof String t ? t : "HTTP " + status;
        String detail = body.get("detail") instanceof String d ? d : null;
        return new ApiProblem(status, title, detail, ApiProblem.errorsOf(body.get("errors")), body);
    }
}
