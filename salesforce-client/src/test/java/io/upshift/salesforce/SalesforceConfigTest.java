package io.upshift.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SalesforceConfigTest {

    private static final URI LOGIN = URI.create("https://acme.my.salesforce.com");

    @Test
    void defaultsTheApiVersionAndTimeouts() {
        SalesforceConfig config = SalesforceConfig.clientCredentials(LOGIN, "key", "secret");

        assertThat(config.apiVersion()).isEqualTo("v62.0");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.effectiveAudience()).isEqualTo(LOGIN);
    }

    @Test
    void namesEverythingMissingForTheClientCredentialsFlowAtOnce() {
        assertThatThrownBy(() -> new SalesforceConfig(URI.create("ftp://x"), null, "62", SalesforceConfig.AuthFlow.CLIENT_CREDENTIALS,
                " ", null, null, null, null, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loginUrl must be an http(s) URL")
                .hasMessageContaining("apiVersion must look like v62.0")
                .hasMessageContaining("clientId")
                .hasMessageContaining("clientSecret is required")
                .hasMessageContaining("connectTimeout must be positive");
    }

    @Test
    void requiresAUsernameAndAKeyForTheJwtBearerFlow() {
        assertThatThrownBy(() -> SalesforceConfig.jwtBearer(LOGIN, "key", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username is required")
                .hasMessageContaining("privateKeyPem is required");
    }

    @Test
    void neverPrintsCredentials() {
        SalesforceConfig config = SalesforceConfig.jwtBearer(LOGIN, "3MVG9consumer", "ops@acme.example",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");

        assertThat(config.toString()).contains("https://acme.my.salesforce.com", "JWT_BEARER")
                .doesNotContain("3MVG9consumer", "ops@acme.example", "MIIEvQ", "BEGIN PRIVATE KEY");
    }
}
