package io.upshift.security.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The head of a service's OpenAPI document ({@link ApiDocumentationAutoConfiguration}): setting the
 * title is what switches it on.
 *
 * @param title what the document describes ({@code Upshift planner API})
 * @param version the API's version
 * @param description what the API offers, in a sentence or two
 */
@ConfigurationProperties("upshift.api-docs")
public record ApiDocumentationProperties(
        String title,
        @DefaultValue("v1") String version,
        String description) {
}
