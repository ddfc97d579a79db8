package io.upshift.planner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.upshift.planner.support.Api;
import io.upshift.planner.support.PlannerIT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The planner's OpenAPI document is committed as {@code docs/openapi/planner.json} and must be what
 * the running planner serves at {@code /v3/api-docs}: an API change that is not in the committed
 * document fails here. Regenerate it with
 * <pre>
 * ./mvnw -pl planner-service -am verify -Dtest=None -Dit.test=OpenApiDocumentIT -Dupshift.openapi.write=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * and commit the file. It runs in the campaign tests' shared context (PlannerIT), so it costs no start.
 * The document and its Swagger UI page are open to anyone; the calls they describe are not.
 */
class OpenApiDocumentIT extends PlannerIT {

    static final Path COMMITTED = Path.of("..", "docs", "openapi", "planner.json");
    static final String WRITE = "upshift.openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    void theCommittedDocumentIsTheOneThePlannerServes() throws IOException {
        Api.Response served = api().anonymous().get("/v3/api-docs");
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        String generated = canonical(served.text());

        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(COMMITTED)) {
            fail(COMMITTED.normalize() + " is missing: generate it with -D" + WRITE + "=true (see OpenApiDocumentIT) and commit it");
        }
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (!committed.equals(generated)) {
            fail("docs/openapi/planner.json differs from the planner's /v3/api-docs (" + firstDifference(committed, generated)
                    + "). If the API change is intended, regenerate the file with -D" + WRITE + "=true "
                    + "(./mvnw -pl planner-service -am verify -Dtest=None -Dit.test=OpenApiDocumentIT -D" + WRITE
                    + "=true -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false) and commit it");
        }
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

    /**
     * Keys sorted and pretty-printed, without {@code servers} (it names this test's random port): the
     * same API always gives the same text.
     */
    static String canonical(String document) {
        JsonNode tree = JSON.readTree(document);
        ((ObjectNode) tree).remove("servers");
        Object plain = JSON.treeToValue(tree, Object.class);
        return JSON.writeValueAsString(plain) + "\n";
    }

    private static String firstDifference(String committed, String generated) {
        List<String> a = committed.lines().toList();
        List<String> b = generated.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i).strip() : "(end of file)";
            String right = i < b.size() ? b.get(i).strip() : "(end of file)";
            if (!left.equals(right)) {
                return "first at line " + (i + 1) + ": committed «" + left + "», served «" + right + "»";
            }
        }
        return "whitespace only";
    }

}
