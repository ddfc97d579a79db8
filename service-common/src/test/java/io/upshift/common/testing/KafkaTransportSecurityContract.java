package io.upshift.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.common.kafka.UpshiftKafkaConfiguration;
import io.upshift.schemas.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What every service proves of its own application.yml for Kafka: its settings for Kafka over TLS
 * with SASL, given as a deployment gives them — environment variables and a secrets directory —
 * reach the admin, producer and consumer configurations. No TLS server runs here: the client
 * configuration is checked. A service's test extends it (or {@link TransportSecurityContract}, for
 * a service with a database), naming the service and a topic it consumes.
 */
public abstract class KafkaTransportSecurityContract {

    private final String service;
    private final Topic<?> consumedTopic;
    private final String jaas;

    @TempDir
    protected Path dir;

    protected KafkaTransportSecurityContract(String service, Topic<?> consumedTopic) {
        this.service = service;
        this.consumedTopic = consumedTopic;
        this.jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"upshift-" + service + "\" password=\"from-the-secret-file\";";
    }

    protected String service() {
        return service;
    }

    /** The auto-configurations the service's settings are read into. */
    protected AutoConfigurations configurations() {
        return AutoConfigurations.of(KafkaAutoConfiguration.class, UpshiftKafkaConfiguration.class);
    }

    /** What a subclass adds to a production deployment's settings: files in {@code secrets}, variables. */
    protected void addProductionSettings(Path secrets, Map<String, Object> environment) throws Exception {
    }

    /** What a subclass checks besides Kafka when nothing is set, as on a developer's machine. */
    protected void assertPlainLocally(AssertableApplicationContext context) {
    }

    protected final ApplicationContextRunner service(Map<String, Object> environment) {
        return new ApplicationContextRunner()
                // the process environment, as the container would set it
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("upshift.kafka.startup-check=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(configurations());
    }

    protected final Map<String, Object> productionEnvironment() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        // the jaas line is a secret: a file in the secrets directory, named after the property
        Files.writeString(secrets.resolve("spring.kafka.properties.sasl.jaas.config"), jaas);
        Path kafkaCa = Files.writeString(dir.resolve("kafka-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> environment = new HashMap<>();
        environment.put("UPSHIFT_SECRETS_DIR", secrets + "/");
        environment.put("UPSHIFT_KAFKA_BOOTSTRAP_SERVERS", "kafka-1.internal:9093");
        environment.put("UPSHIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + kafkaCa);
        addProductionSettings(secrets, environment);
        return environment;
    }

    @Test
    void everyKafkaClientSpeaksSaslOverTls() throws Exception {
        Path kafkaCa = dir.resolve("kafka-ca.pem");
        service(productionEnvironment()).run(context -> {
            assertThat(context).hasNotFailed();
            KafkaProperties kafka = context.getBean(KafkaProperties.class);
            AvroKafka avro = context.getBean(AvroKafka.class);
            for (Map<String, Object> config : List.of(kafka.buildAdminProperties(),
                    avro.producerFactory(Map.of()).getConfigurationProperties(),
                    avro.consumerFactory(consumedTopic, Map.of()).getConfigurationProperties())) {
                assertThat(config).containsEntry("bootstrap.servers", List.of("kafka-1.internal:9093"))
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", jaas)
                        .containsEntry("ssl.truststore.type", "PEM")
                        .containsEntry("ssl.truststore.location", kafkaCa.toAbsolutePath().toString());
            }
        });
    }

    @Test
    void locallyEverythingStaysPlainAsTheDevstackNeeds() {
        service(Map.of()).run(context -> {
            assertThat(context.getBean(KafkaProperties.class).buildProducerProperties())
                    .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("sasl.jaas.config");
            assertPlainLocally(context);
        });
    }
}
