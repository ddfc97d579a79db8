package io.upshift.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.common.kafka.UpshiftKafkaConfiguration;
import io.upshift.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The executor's settings for Kafka over TLS with SASL, given as a deployment gives them
 * (environment variables, the JAAS line and the Salesforce secret as files in the secrets
 * directory) and read through the real application.yml, reach its Kafka clients.
 */
class TransportSecurityBindingTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"upshift-executor\" password=\"from-the-secret-file\";";

    @TempDir
    Path dir;

    @Test
    void everyKafkaClientOfTheExecutorSpeaksSaslOverTlsAndSecretsComeFromFiles() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("spring.kafka.properties.sasl.jaas.config"), JAAS);
        Files.writeString(secrets.resolve("upshift.executor.salesforce.login.client-secret"), "sf-secret-from-file");
        Path ca = Files.writeString(dir.resolve("kafka-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> environment = Map.of(
                "UPSHIFT_SECRETS_DIR", secrets + "/",
                "UPSHIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM",
                "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + ca);

        new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("upshift.kafka.startup-check=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, UpshiftKafkaConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getEnvironment().getProperty("upshift.executor.salesforce.login.client-secret"))
                            .isEqualTo("sf-secret-from-file");
                    AvroKafka avro = context.getBean(AvroKafka.class);
                    for (Map<String, Object> config : List.of(context.getBean(KafkaProperties.class).buildAdminProperties(),
                            avro.producerFactory(Map.of()).getConfigurationProperties(),
                            avro.consumerFactory(Topics.UPGRADE_COMMANDS, Map.of()).getConfigurationProperties())) {
                        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                                .containsEntry("sasl.jaas.config", JAAS)
                                .containsEntry("ssl.truststore.type", "PEM")
                                .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString());
                    }
                });
    }
}
