package io.upshift.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.upshift.common.kafka.UpshiftKafkaConfiguration;
import io.upshift.schemas.Topic;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/**
 * What every service with a database proves of its own application.yml: besides Kafka over TLS
 * with SASL ({@link KafkaTransportSecurityContract}), its settings for PostgreSQL over TLS, given as
 * a deployment gives them — environment variables and a secrets directory — reach the JDBC driver.
 * No TLS server runs here: the driver is shown to insist on TLS. A service's test extends it,
 * naming the service and a topic it consumes.
 */
public abstract class TransportSecurityContract extends KafkaTransportSecurityContract {

    protected TransportSecurityContract(String service, Topic<?> consumedTopic) {
        super(service, consumedTopic);
    }

    @Override
    protected AutoConfigurations configurations() {
        return AutoConfigurations.of(KafkaAutoConfiguration.class, UpshiftKafkaConfiguration.class,
                DataSourceAutoConfiguration.class);
    }

    @Override
    protected void addProductionSettings(Path secrets, Map<String, Object> environment) throws Exception {
        Files.writeString(secrets.resolve("UPSHIFT_DB_PASSWORD"), "db-password-from-file");
        Path pgRoot = Files.writeString(dir.resolve("pg-root.crt"), "-----BEGIN CERTIFICATE-----\n");
        environment.put("UPSHIFT_DB_URL", "jdbc:postgresql://db.internal:5432/" + service());
        environment.put("UPSHIFT_DB_SSLMODE", "verify-full");
        environment.put("UPSHIFT_DB_SSLROOTCERT", pgRoot.toString());
    }

    @Override
    protected void assertPlainLocally(AssertableApplicationContext context) {
        assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties()).containsEntry("sslmode", "prefer");
    }

    @Test
    void theDatabaseConnectionInsistsOnTlsWithTheGivenRootCertificate() throws Exception {
        service(productionEnvironment()).run(context -> {
            HikariDataSource dataSource = context.getBean(HikariDataSource.class);
            Properties driver = dataSource.getDataSourceProperties();

            assertThat(dataSource.getJdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/" + service());
            assertThat(dataSource.getPassword()).isEqualTo("db-password-from-file");
            assertThat(driver).containsEntry("sslmode", "verify-full")
                    .containsEntry("sslrootcert", dir.resolve("pg-root.crt").toString());
            // the driver, given these properties, refuses a server that offers no TLS
            assertThatThrownBy(() -> connectToAServerWithoutTls(driver)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not support SSL");
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
            withUser.setProperty("user", "upshift");
            try {
                new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/upshift",
                        withUser).close();
            } finally {
                answer.join(5_000);
            }
        }
    }
}
