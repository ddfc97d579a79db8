package io.upshift.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api;
import io.upshift.planner.support.PlannerIT;
import io.upshift.security.testing.OpenApiDocuments;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner's OpenAPI document is committed as {@code docs/openapi/planner.json} and must be what
 * the running planner serves at {@code /v3/api-docs}: an API change that is not in the committed
 * document fails here. Regenerate it with
 * <pre>
 * ./mvnw -pl planner-service -am verify -Dtest=None -Dit.test=OpenApiDocumentIT -Dupshift.openapi.write=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * and commit the file. It runs in the campaign tests' shared context (PlannerIT), so it costs no start.
 * The document and its Swagger UI page are open to anyone; the calls they describe are not. (The
 * comparison is api-security's {@link OpenApiDocuments}, shared with the notifier's drift test.)
 */
class OpenApiDocumentIT extends PlannerIT {

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "planner.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCommittedDocumentIsTheOneThePlannerServes() throws IOException {
        Api.Response served = api().anonymous().get("/v3/api-docs");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        OpenApiDocuments.check(COMMITTED, served.text(), "planner-service", "OpenApiDocumentIT");
    }

    @Test
    void theSwaggerUiPageIsOpenAndTheCallsItMakesAreNot() {
        Api anonymous = api().anonymous();
        Api.Response page = anonymous.get("/swagger-ui/index.html");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.text()).containsIgnoringCase("swagger");
        assertThat(anonymous.get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(anonymous.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);

        assertThat(anonymous.get("/api/v1/campaigns").status()).isEqualTo(401);
        JsonNode document = JSON.readTree(anonymous.get("/v3/api-docs").text());
        assertThat(document.path("components").path("securitySchemes").path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
    }
}
