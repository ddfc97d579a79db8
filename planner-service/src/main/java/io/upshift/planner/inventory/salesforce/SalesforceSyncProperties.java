package io.upshift.planner.inventory.salesforce;

import io.upshift.salesforce.SalesforceConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the planner reaches the ISV's packaging org for the PackageSubscriber sync
 * ({@code upshift.planner.salesforce.*}), bound and validated only when
 * {@code upshift.planner.salesforce.enabled=true}. Credentials come from the environment or a
 * mounted file (e.g. {@code UPSHIFT_PLANNER_SALESFORCE_LOGIN_CLIENT_SECRET},
 * {@code upshift.planner.salesforce.login.private-key-file=/run/secrets/salesforce.key}), never
 * from committed configuration, and are never printed.
 *
 * @param login how to log in to the packaging org
 * @param http API version and timeouts
 * @param sync how a sync copes with Salesforce's transient failures
 */
@Validated
@ConfigurationProperties("upshift.planner.salesforce")
@ConditionalOnProperty(name = "upshift.planner.salesforce.enabled", havingValue = "true")
public record SalesforceSyncProperties(
        @Valid @NotNull Login login,
        @Valid @NotNull @DefaultValue Http http,
        @Valid @NotNull @DefaultValue Sync sync) {

    /**
     * @param url the login URL: the org's My Domain URL (required for the client-credentials flow),
     *     {@code https://login.salesforce.com} or {@code https://test.salesforce.com}
     * @param flow {@code client-credentials} or {@code jwt-bearer}
     * @param clientId the connected app's consumer key
     * @param clientSecret the consumer secret (client-credentials flow)
     * @param username the integration user (JWT bearer flow)
     * @param privateKey the PEM private key of the connected app's certificate (JWT bearer flow)
     * @param privateKeyFile a file holding that PEM key, as an alternative to {@code privateKey}
     * @param audience the JWT audience when the login URL is a My Domain
     */
    public record Login(
            @NotNull @DefaultValue("https://login.salesforce.com") URI url,
            @NotNull @DefaultValue("client-credentials") SalesforceConfig.AuthFlow flow,
            @NotBlank String clientId,
            String clientSecret,
            String username,
            String privateKey,
            Path privateKeyFile,
            URI audience) {

        @AssertTrue(message = "the client-credentials flow needs login.client-secret")
        public boolean isClientSecretGivenForClientCredentials() {
            return flow != SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS || clientSecret != null && !clientSecret.isBlank();
        }

        @AssertTrue(message = "the jwt-bearer flow needs login.username and login.private-key or login.private-key-file")
        public boolean isUserAndKeyGivenForJwtBearer() {
            return flow != SalesforceConfig.AuthFlow.JWT_BEARER || username != null && !username.isBlank()
                    && (privateKey != null && !privateKey.isBlank() || privateKeyFile != null);
        }

        @AssertTrue(message = "login.private-key-file must be a readable file")
        public boolean isPrivateKeyFileReadable() {
            return privateKeyFile == null || Files.isReadable(privateKeyFile);
        }

        String privateKeyPem() {
            if (privateKey != null && !privateKey.isBlank()) {
                return privateKey;
            }
            if (privateKeyFile == null) {
                return null;
            }
            try {
                return Files.readString(privateKeyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read login.private-key-file " + privateKeyFile, e);
            }
        }

        @Override
        public String toString() {
            return "Login[url=" + url + ", flow=" + flow + ", clientId=(redacted), clientSecret="
                    + (clientSecret == null ? "(none)" : "(redacted)") + ", username="
                    + (username == null ? "(none)" : "(redacted)") + ", privateKey="
                    + (privateKey == null ? "(none)" : "(redacted)") + ", privateKeyFile=" + privateKeyFile
                    + ", audience=" + audience + "]";
        }
    }

    /**
     * @param instanceUrl the instance to call instead of the token response's {@code instance_url}
     * @param apiVersion the REST API version
     */
    public record Http(
            URI instanceUrl,
            @NotNull @Pattern(regexp = "v\\d{2,3}\\.0") @DefaultValue(SalesforceConfig.DEFAULT_API_VERSION) String apiVersion,
            @NotNull @DefaultValue("10s") Duration connectTimeout,
            @NotNull @DefaultValue("60s") Duration requestTimeout) {
    }

    /**
     * @param attempts tries of one query page that failed transiently (API limit, 5xx) before the sync gives up
     * @param backoff the wait before the second try, doubled for each further one
     */
    public record Sync(
            @Min(1) @Max(10) @DefaultValue("4") int attempts,
            @NotNull @DefaultValue("2s") Duration backoff) {
    }

    SalesforceConfig clientConfig() {
        return new SalesforceConfig(login.url(), http.instanceUrl(), http.apiVersion(), login.flow(), login.clientId(),
                login.clientSecret(), login.username(), login.privateKeyPem(), login.audience(), http.connectTimeout(),
                http.requestTimeout());
    }
}
