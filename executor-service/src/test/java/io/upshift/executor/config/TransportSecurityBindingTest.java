package io.upshift.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.common.testing.KafkaTransportSecurityContract;
import io.upshift.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor's application.yml carries Kafka over TLS with SASL from a deployment's settings
 * (the executor has no database), and its Salesforce secret comes from a file in the secrets
 * directory like the JAAS line.
 */
class TransportSecurityBindingTest extends KafkaTransportSecurityContract {

    TransportSecurityBindingTest() {
        super("executor", Topics.UPGRADE_COMMANDS);
    }

    @Override
    protected void addProductionSettings(Path secrets, Map<String, Object> environment) throws Exception {
        Files.writeString(secrets.resolve("upshift.executor.salesforce.login.client-secret"), "sf-secret-from-file");
    }

    @Test
    void theSalesforceSecretComesFromItsFileInTheSecretsDirectory() throws Exception {
        service(productionEnvironment()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getEnvironment().getProperty("upshift.executor.salesforce.login.client-secret"))
                    .isEqualTo("sf-secret-from-file");
        });
    }
}
