package io.upshift.security.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The head of every service's OpenAPI document, written once: what the API is
 * ({@code upshift.api-docs.title}, {@code .description}) and how a call authenticates (an API key in
 * {@code X-API-Key}, or a bearer token), so the Swagger UI page offers "Authorize" and sends the key
 * with every "Try it out". On when the service has springdoc (the document and the UI page, both open:
 * {@code ApiSecurity.PUBLIC_DOCUMENTATION}) and sets the title; a service's own {@link OpenAPI} bean
 * wins. The documents are committed under {@code docs/openapi/}, each with a drift test in its service.
 */
@AutoConfiguration(beforeName = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnProperty(prefix = "upshift.api-docs", name = "title")
@EnableConfigurationProperties(ApiDocumentationProperties.class)
public class ApiDocumentationAutoConfiguration {

    /** The names of the two security schemes in every document. */
    public static final String API_KEY = "apiKey";
    public static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI apiDocumentation(ApiDocumentationProperties properties) {
        return describe(properties);
    }

    static OpenAPI describe(ApiDocumentationProperties properties) {
        return new OpenAPI()
                .info(new Info().title(properties.title()).version(properties.version()).description(properties.description()))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")) // ApiKeyAuthenticationFilter's header
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT or API key")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
