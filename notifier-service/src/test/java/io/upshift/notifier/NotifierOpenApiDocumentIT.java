package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.security.testing.OpenApiDocuments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier's OpenAPI document is committed as {@code docs/openapi/notifier.json} and must be what
 * the running notifier serves at {@code /v3/api-docs}: an API change that is not in the committed
 * document fails here, naming the first differing line. Regenerate it with
 * <pre>
 * ./mvnw -pl notifier-service -am verify -Dtest=None -Dit.test=NotifierOpenApiDocumentIT -Dupshift.openapi.write=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * and commit the file. It runs in the other ITs' shared context (NotifierIntegrationTest), so it costs
 * no start. The document and its Swagger UI page are open to anyone; the calls they describe are not.
 */
class NotifierOpenApiDocumentIT extends NotifierIntegrationTest {

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "notifier.json");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theCommittedDocumentIsTheOneTheNotifierServes() throws IOException {
        HttpResponse<String> served = get("/v3/api-docs");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        OpenApiDocuments.check(COMMITTED, served.body(), "notifier-service", "NotifierOpenApiDocumentIT");
    }

    @Test
    void describesTheNotifiersOwnRoutesAndHowACallAuthenticates() {
        JsonNode document = JSON.readTree(get("/v3/api-docs").body());

        assertThat(document.path("info").path("title").asText()).isEqualTo("Upshift notifier API");
        assertThat(document.path("paths").propertyNames()).contains("/api/v1/campaigns/{campaignId}/emails",
                "/api/v1/suppressions", "/api/v1/suppressions/{address}", "/api/v1/api-keys", "/api/v1/audit");
        // the planner's routes are the planner's document's, not this one's
        assertThat(document.path("paths").has("/api/v1/campaigns")).isFalse();
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("apiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.path("security").toString()).contains("apiKey", "bearer");
    }

    @Test
    void theSwaggerUiPageIsOpenAndTheCallsItMakesAreNot() {
        HttpResponse<String> page = get("/swagger-ui/index.html");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
        assertThat(get("/swagger-ui.html").statusCode()).isIn(200, 302);
        assertThat(get("/v3/api-docs/swagger-config").statusCode()).isEqualTo(200);

        // open means GET only, and only the description: the API itself still wants a key
        assertThat(get("/api/v1/suppressions").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/api-keys").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v3/api-docs").statusCode()).isIn(401, 403);
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
