package io.upshift.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Speaks the Confluent Schema Registry REST API (v1): register under a subject, look up by
 * id, read a subject's latest version, list subjects. Wrap it in a
 * {@link CachingSchemaRegistryClient}: it caches nothing itself.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;
    private final Duration timeout;

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.baseUri = URI.create(trimmed);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
        JsonNode answer = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "register a schema under " + subject);
        return answer.path("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET(),
                "fetch schema " + id);
        if (response.statusCode() == 404) {
            throw new UnknownSchemaException(id);
        }
        JsonNode answer = parse(response, "fetch schema " + id);
        return new Schema.Parser().parse(answer.path("schema").asText());
    }

    @Override
    public Optional<RegisteredSchema> latest(String subject) {
        HttpResponse<String> response = exchange(
                HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions/latest")).GET(),
                "read the latest version of " + subject);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode answer = parse(response, "read the latest version of " + subject);
        return Optional.of(new RegisteredSchema(answer.path("subject").asText(), answer.path("version").asInt(),
                answer.path("id").asInt(), new Schema.Parser().parse(answer.path("schema").asText())));
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send(HttpRequest.newBuilder(uri("/subjects")).GET(), "list subjects");
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        return parse(exchange(request, what), what);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(timeout).header("Accept", CONTENT_TYPE).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException(
                    "schema registry at " + baseUri + " unreachable while trying to " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while trying to " + what, e);
        }
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("schema registry at " + baseUri + " answered HTTP "
                    + response.statusCode() + " when asked to " + what + ": " + response.body(), null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryUnavailableException("schema registry at " + baseUri
                    + " answered with a body that is not JSON when asked to " + what, e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUri + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
