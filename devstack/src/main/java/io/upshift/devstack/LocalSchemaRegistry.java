package io.upshift.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.upshift.schemas.serde.InMemorySchemaRegistry;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The part of the Confluent Schema Registry REST API that our serde and a downstream consumer
 * use, over real HTTP, so services in separate processes and outside tools share schema ids:
 * {@code POST /subjects/{s}/versions}, {@code GET /schemas/ids/{id}},
 * {@code GET /subjects/{s}/versions/latest} (or a version number), {@code GET /subjects/{s}/versions},
 * {@code GET /subjects}. Errors use the registry's JSON error bodies and codes.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("^/subjects/([^/]+)/versions/?$");
    private static final Pattern BY_ID = Pattern.compile("^/schemas/ids/(\\d+)/?$");
    private static final Pattern VERSION = Pattern.compile("^/subjects/([^/]+)/versions/(latest|\\d+)/?$");
    private static final Pattern SUBJECTS = Pattern.compile("^/subjects/?$");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final HttpServer server;

    LocalSchemaRegistry(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the schema registry port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("schema-registry-", 0).factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry behind the endpoint, for in-process callers that need no HTTP. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher m;
            if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
                register(exchange, decode(m.group(1)));
            } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
                byId(exchange, Integer.parseInt(m.group(1)));
            } else if (method.equals("GET") && (m = VERSION.matcher(path)).matches()) {
                version(exchange, decode(m.group(1)), m.group(2));
            } else if (method.equals("GET") && (m = REGISTER.matcher(path)).matches()) {
                ArrayNode versions = JSON.createArrayNode();
                registry.versions(decode(m.group(1))).forEach(versions::add);
                if (versions.isEmpty()) {
                    error(exchange, 404, 40401, "Subject '" + decode(m.group(1)) + "' not found.");
                } else {
                    reply(exchange, 200, versions);
                }
            } else if (method.equals("GET") && SUBJECTS.matcher(path).matches()) {
                ArrayNode subjects = JSON.createArrayNode();
                registry.subjects().forEach(subjects::add);
                reply(exchange, 200, subjects);
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found: " + method + " " + path);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, 50001, "Error in the backend data store: " + e.getMessage());
        }
    }

    private void register(HttpExchange exchange, String subject) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            error(exchange, 422, 42201, "Invalid schema: the body is not JSON");
            return;
        }
        String schemaText = body == null ? null : body.path("schema").asText(null);
        if (schemaText == null) {
            error(exchange, 422, 42201, "Invalid schema: the body has no 'schema' field");
            return;
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException e) {
            error(exchange, 422, 42201, "Invalid schema: " + e.getMessage());
            return;
        }
        int id = registry.register(subject, schema);
        reply(exchange, 200, JSON.createObjectNode().put("id", id));
    }

    private void byId(HttpExchange exchange, int id) throws IOException {
        try {
            Schema schema = registry.schemaById(id);
            reply(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
        } catch (SchemaRegistryClient.UnknownSchemaException e) {
            error(exchange, 404, 40403, "Schema " + id + " not found");
        }
    }

    private void version(HttpExchange exchange, String subject, String version) throws IOException {
        Optional<SchemaRegistryClient.RegisteredSchema> found = version.equals("latest")
                ? registry.latest(subject)
                : registry.version(subject, Integer.parseInt(version));
        if (found.isEmpty()) {
            boolean subjectKnown = registry.subjects().contains(subject);
            error(exchange, 404, subjectKnown ? 40402 : 40401,
                    subjectKnown ? "Version " + version + " not found." : "Subject '" + subject + "' not found.");
            return;
        }
        SchemaRegistryClient.RegisteredSchema registered = found.get();
        ObjectNode answer = JSON.createObjectNode()
                .put("subject", registered.subject())
                .put("version", registered.version())
                .put("id", registered.id())
                .put("schema", registered.schema().toString());
        reply(exchange, 200, answer);
    }

    private static void error(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        reply(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
