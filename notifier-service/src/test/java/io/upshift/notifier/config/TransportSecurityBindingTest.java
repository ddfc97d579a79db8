package io.upshift.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.common.kafka.UpshiftKafkaConfiguration;
import io.upshift.schemas.Topics;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The notifier's settings for Kafka over TLS with SASL and PostgreSQL over TLS, given as a
 * deployment gives them — environment variables and a secrets directory, read through the real
 * application.yml — reach the Kafka clients and the JDBC driver. No TLS server runs here: the
 * Kafka client configuration is checked, and the driver is shown to insist on TLS.
 */
class TransportSecurityBindingTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"upshift-notifier\" password=\"from-the-secret-file\";";

    @TempDir
    Path dir;

    private ApplicationContextRunner notifier(Map<String, Object> environment) {
        return new ApplicationContextRunner()
                // the process environment, as the container would set it
                .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withPropertyValues("upshift.kafka.startup-check=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, UpshiftKafkaConfiguration.class,
                        DataSourceAutoConfiguration.class));
    }

    private Map<String, Object> productionEnvironment() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        // the JAAS line is a secret: a file in the secrets directory, named after the property
        Files.writeString(secrets.resolve("spring.kafka.properties.sasl.jaas.config"), JAAS);
        Files.writeString(secrets.resolve("UPSHIFT_DB_PASSWORD"), "db-password-from-file");
        Path kafkaCa = Files.writeString(dir.resolve("kafka-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path pgRoot = Files.writeString(dir.resolve("pg-root.crt"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> environment = new HashMap<>();
        environment.put("UPSHIFT_SECRETS_DIR", secrets + "/");
        environment.put("UPSHIFT_KAFKA_BOOTSTRAP_SERVERS", "kafka-1.internal:9093");
        environment.put("UPSHIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PEM");
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + kafkaCa);
        environment.put("UPSHIFT_DB_URL", "jdbc:postgresql://db.internal:5432/notifier");
        environment.put("UPSHIFT_DB_SSLMODE", "verify-full");
        environment.put("UPSHIFT_DB_SSLROOTCERT", pgRoot.toString());
        return environment;
    }

    @Test
    void everyKafkaClientOfTheNotifierSpeaksSaslOverTls() throws Exception {
        Path kafkaCa = dir.resolve("kafka-ca.pem");
        notifier(productionEnvironment()).run(context -> {
            assertThat(context).hasNotFailed();
            KafkaProperties kafka = context.getBean(KafkaProperties.class);
            AvroKafka avro = context.getBean(AvroKafka.class);
            for (Map<String, Object> config : java.util.List.of(kafka.buildAdminProperties(),
                    avro.producerFactory(Map.of()).getConfigurationProperties(),
                    avro.consumerFactory(Topics.SUBSCRIBER_NOTICES, Map.of()).getConfigurationProperties())) {
                assertThat(config).containsEntry("bootstrap.servers", java.util.List.of("kafka-1.internal:9093"))
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", JAAS)
                        .containsEntry("ssl.truststore.type", "PEM")
                        .containsEntry("ssl.truststore.location", kafkaCa.toAbsolutePath().toString());
            }
        });
    }

    @Test
    void theDatabaseConnectionInsistsOnTlsWithTheGivenRootCertificate() throws Exception {
        notifier(productionEnvironment()).run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            Properties driver = dataSource.getDataSourceProperties();

            assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/notifier");
            assertThat(dataSource.getPassword()).isEqualTo("db-password-from-file");
            assertThat(driver).containsEntry("sslmode", "verify-full")
                    .containsEntry("sslrootcert", dir.resolve("pg-root.crt").toString());
            // the driver, given these properties, refuses a server that offers no TLS
            assertThatThrownBy(() -> connectToAServerWithoutTls(driver)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not support SSL");
        });
    }

    @Test
    void locallyEverythingStaysPlainAsTheDevstackNeeds() {
        notifier(Map.of()).run(context -> {
            assertThat(context.getBean(KafkaProperties.class).buildProducerProperties())
                    .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("sasl.jaas.config");
            assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties()).containsEntry("sslmode", "prefer");
        });
    }

    /** A PostgreSQL-speaking socket that answers the driver's SSLRequest with "no". */
    private static void connectToAServerWithoutTls(Properties properties) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     OutputStream out = socket.getOutputStream()) {
                    in.readNBytes(8);
                    out.write('N');
                    out.flush();
                    in.readNBytes(1);
                } catch (Exception ignored) {
                    // the driver hangs up
                }
            });
            Properties withUser = new Properties();
            withUser.putAll(properties);
            withUser.setProperty("user", "notifier");
            try {
                new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/notifier",
                        withUser).close();
            } finally {
                answer.join(5_000);
            }
        }
    }
}
