package io.upshift.security.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Every service's OpenAPI document gets the same head: its own title, the same two ways to authenticate. */
class ApiDocumentationAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApiDocumentationAutoConfiguration.class));

    @Test
    void describesTheServiceAndBothWaysToAuthenticate() {
        runner.withPropertyValues("upshift.api-docs.title=Upshift test API", "upshift.api-docs.description=Tests.")
                .run(context -> {
                    OpenAPI api = context.getBean(OpenAPI.class);
                    assertThat(api.getInfo().getTitle()).isEqualTo("Upshift test API");
                    assertThat(api.getInfo().getVersion()).isEqualTo("v1");
                    assertThat(api.getInfo().getDescription()).isEqualTo("Tests.");
                    SecurityScheme key = api.getComponents().getSecuritySchemes().get("apiKey");
                    assertThat(key.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
                    assertThat(key.getIn()).isEqualTo(SecurityScheme.In.HEADER);
                    assertThat(key.getName()).isEqualTo("X-API-Key");
                    SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
                    assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
                    assertThat(bearer.getScheme()).isEqualTo("bearer");
                    // either one is enough for a call: two requirements, not one with both
                    assertThat(api.getSecurity()).hasSize(2);
                    assertThat(api.getSecurity().get(0)).containsOnlyKeys("apiKey");
                    assertThat(api.getSecurity().get(1)).containsOnlyKeys("bearer");
                });
    }

    @Test
    void isOffWithoutATitle() {
        runner.run(context -> assertThat(context).doesNotHaveBean(OpenAPI.class));
    }

    @Test
    void givesWayToTheServicesOwnDocumentHead() {
        runner.withPropertyValues("upshift.api-docs.title=Upshift test API")
                .withBean(OpenAPI.class, () -> new OpenAPI().info(new Info().title("mine")))
                .run(context -> assertThat(context.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("mine"));
    }
}
