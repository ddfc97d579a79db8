package io.upshift.salesforce.boot;

import io.upshift.salesforce.SalesforceConfig;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every service that talks to the packaging org binds the same way — how to log in
 * and how to call — as parts of its own validated {@code @ConfigurationProperties} record (the
 * planner's sync under {@code upshift.planner.salesforce}, the executor's gateway under
 * {@code upshift.executor.salesforce}). Written once here so both validate and redact alike.
 * Credentials come from the environment or a mounted file, never from committed configuration,
 * and are never printed.
 */
public final class SalesforceConnectionProperties {

    private SalesforceConnectionProperties() {
    }

    /** The client configuration these settings describe. */
    public static SalesforceConfig clientConfig(Login login, Http http) {
        return new SalesforceConfig(login.url(), http.instanceUrl(), http.apiVersion(), login.flow(), login.clientId(),
                login.clientSecret(), login.username(), login.privateKeyPem(), login.audience(), http.connectTimeout(),
                http.requestTimeout());
    }

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
     * @param connectTimeout how long a connection may take to open
     * @param requestTimeout how long one call may take
     */
    public record Http(
            URI instanceUrl,
            @NotNull @Pattern(regexp = "v\\d{2,3}\\.0") @DefaultValue(SalesforceConfig.DEFAULT_API_VERSION) String apiVersion,
            @NotNull @DefaultValue("10s") Duration connectTimeout,
            @NotNull @DefaultValue("60s") Duration requestTimeout) {
    }
}
