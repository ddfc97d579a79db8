package io.upshift.planner.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The head of the planner's OpenAPI document: what it is and how a call authenticates (an API key in
 * {@code X-API-Key}, or a bearer token), so the Swagger UI page offers "Authorize" and sends the key
 * with every "Try it out". The document is committed as {@code docs/openapi/planner.json}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI plannerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Upshift planner API").version("v1").description(
                        "Packages, versions and subscriber orgs; campaigns, their preview, schedule, waves, results and "
                                + "audit trail. Every call needs an API key (X-API-Key) or a bearer token; the roles "
                                + "each route needs are in the README's Security section."))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT or API key")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
