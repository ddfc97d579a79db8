package io.upshift.common.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

class SecretMaskingConfigurationTest {

    private final SanitizingFunction masking = new SecretMaskingConfiguration().upshiftSecretMasking();
    private final PropertySource<?> yaml = new MapPropertySource("Config resource 'class path resource [application.yml]'", Map.of());
    private final PropertySource<?> secrets = new MapPropertySource(
            "Config resource 'configtree [/run/secrets/upshift/]' via location 'optional:configtree:/run/secrets/upshift/'",
            Map.of());

    private Object shown(PropertySource<?> source, String key, String value) {
        return masking.applyUnlessFiltered(new SanitizableData(source, key, value)).getValue();
    }

    @Test
    void masksValuesWhoseKeysLookLikeCredentials() {
        assertThat(shown(yaml, "spring.datasource.password", "pw-123456")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "spring.mail.password", "pw-123456")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "upshift.planner.salesforce.login.client-secret", "s")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "spring.kafka.properties.sasl.jaas.config", "x required password=\"p\";"))
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "upshift.security.api-keys.bootstrap-admin-key", "k")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "UPSHIFT_DB_PASSWORD", "pw")).isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(shown(yaml, "spring.datasource.url", "jdbc:postgresql://u:pw@db/x")).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Test
    void masksEverythingFromTheSecretsDirectoryWhateverItsName() {
        assertThat(shown(secrets, "UPSHIFT_SMTP_LOGIN", "whatever")).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @Test
    void leavesOrdinarySettingsReadable() {
        assertThat(shown(yaml, "spring.kafka.bootstrap-servers", "kafka:9092")).isEqualTo("kafka:9092");
        assertThat(shown(yaml, "server.port", "8080")).isEqualTo("8080");
    }
}
