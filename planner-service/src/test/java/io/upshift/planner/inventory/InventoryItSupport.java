package io.upshift.planner.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upshift.devstack.DevStackProperties;
import io.upshift.salesforce.stub.SalesforceStub;
import io.upshift.security.testing.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the inventory's integration tests share: one planner on the devstack (real PostgreSQL,
 * real Kafka) with its own database, an HTTP client for its API (calling as an administrator with a
 * real signed token), and blocks of org ids so tests never see each other's orgs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "upshift.instance-id=planner-inventory-it",
        "upshift.planner.inventory.imports.max-size=4MB",
        "upshift.planner.inventory.imports.max-reported-errors=50"})
public abstract class InventoryItSupport {

    /** Each test class takes its org ids from its own block of {@link InventoryFixtures#orgId(int)}. */
    private static final AtomicInteger NEXT_BLOCK = new AtomicInteger();
    private static final AtomicInteger NEXT_PACKAGE = new AtomicInteger();
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Salesforce's packaging org, stubbed from its documented REST API; one per JVM, closed with it. */
    protected static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, "planner_inventory");
        TestIssuer.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("upshift.planner.salesforce.enabled", () -> "true");
        registry.add("upshift.planner.salesforce.login.url", SALESFORCE::baseUrl);
        registry.add("upshift.planner.salesforce.login.client-id", () -> SalesforceStub.CLIENT_ID);
        registry.add("upshift.planner.salesforce.login.client-secret", () -> SalesforceStub.CLIENT_SECRET);
        registry.add("upshift.planner.salesforce.http.request-timeout", () -> "10s");
        registry.add("upshift.planner.salesforce.sync.backoff", () -> "50ms");
        registry.add("upshift.planner.salesforce.sync.attempts", () -> "3");
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    /** {@code size} org ids (18-character) no other test uses. */
    protected static int[] orgBlock(int size) {
        int start = NEXT_BLOCK.getAndAdd(size);
        int[] block = new int[size];
        for (int i = 0; i < size; i++) {
            block[i] = start + i;
        }
        return block;
    }

    /** Registers a package no other test uses, with released versions 4.0.3, 4.1.2, 4.2.0 and beta 4.3.0. */
    protected String newPackage() {
        char last = "BCDEFGHIJKLMNOPQRSTUVWXYZbcdefghijklmnopqrstuvwxyz".charAt(NEXT_PACKAGE.getAndIncrement());
        String packageId = InventoryFixtures.packageId(last);
        Response created = post("/api/v1/packages", "application/json",
                "{\"packageId\":\"" + packageId + "\",\"name\":\"Pkg " + last + "\",\"namespace\":\"pkg" + last + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int n = 0;
        for (String version : new String[] {"4.0.3", "4.1.2", "4.2.0", "4.3.0"}) {
            String versionId15 = "04tA000000" + last + "V00" + n++;
            String versionId = versionId15 + io.upshift.schemas.OrgIds.checksum(versionId15);
            Response v = post("/api/v1/packages/" + packageId + "/versions", "application/json",
                    "{\"versionId\":\"" + versionId + "\",\"version\":\"" + version + "\",\"releaseState\":\""
                            + (version.equals("4.3.0") ? "BETA" : "RELEASED") + "\"}");
            assertThat(v.status()).as(v.body()).isEqualTo(201);
        }
        return packageId;
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Response post(String path, String contentType, String body) {
        return post(path, contentType, BodyPublishers.ofString(body));
    }

    protected Response post(String path, String contentType, BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(body));
    }

    protected Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(body)));
    }

    protected Response request(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(body)));
    }

    protected Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    protected String prometheus() {
        return DevStackProperties.get("http://localhost:" + managementPort + "/actuator/prometheus");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        // the inventory's routes are for administrators; the API is secured as in production
        request.header("Authorization", "Bearer " + TestIssuer.shared().token("inventory-admin", "ADMIN"));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    protected record Response(int status, String body, String contentType) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
