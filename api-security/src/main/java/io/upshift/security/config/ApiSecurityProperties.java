package io.upshift.security.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the REST API authenticates and what it accepts. Where the JWTs come from is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} and {@code .jwk-set-uri}: without
 * them only API keys are accepted.
 *
 * @param jwt how a validated JWT becomes a caller
 * @param apiKeys the bootstrap key and how keys are tracked
 * @param maxJsonBody the largest JSON body accepted; larger ones get 413
 */
@Validated
@ConfigurationProperties("upshift.security")
public record ApiSecurityProperties(
        @Valid @NotNull @DefaultValue Jwt jwt,
        @Valid @NotNull @DefaultValue ApiKeys apiKeys,
        @NotNull @DefaultValue("32MB") DataSize maxJsonBody) {

    public ApiSecurityProperties {
        if (maxJsonBody != null && maxJsonBody.toBytes() < 1024) {
            throw new IllegalArgumentException("upshift.security.max-json-body must be at least 1KB");
        }
    }

    /**
     * @param principalClaim the claim that names the caller (falls back to {@code sub} when a token lacks it)
     * @param rolesClaim the claim with the caller's roles; a dotted path reaches into objects ({@code realm_access.roles})
     * @param rolePrefix a prefix the identity provider puts before role names ({@code upshift-}), stripped before matching
     */
    public record Jwt(
            @NotBlank @DefaultValue("preferred_username") String principalClaim,
            @NotBlank @DefaultValue("roles") String rolesClaim,
            @DefaultValue("") String rolePrefix) {
    }

    /**
     * @param bootstrapAdminKey an ADMIN key from the environment (at least 32 characters), to create the
     *                          first stored keys; never put it in a committed file
     * @param lastUsedResolution how often a key's last use is written at most
     */
    public record ApiKeys(
            String bootstrapAdminKey,
            @NotNull @DefaultValue("1m") Duration lastUsedResolution) {

        /** Never the key: configuration objects end up in logs and actuator pages. */
        @Override
        public String toString() {
            return "ApiKeys[bootstrapAdminKey=" + (bootstrapAdminKey == null || bootstrapAdminKey.isBlank() ? "none" : "******")
                    + ", lastUsedResolution=" + lastUsedResolution + "]";
        }
    }
}
