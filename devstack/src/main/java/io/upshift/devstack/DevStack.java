package io.upshift.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The embedded local stack: a real Kafka broker in KRaft mode, PostgreSQL, an SMTP server and a
 * Confluent-compatible schema registry endpoint, all in this JVM. Tests share one per JVM
 * ({@link #shared()}); the local run starts one with {@link DevStackMain}.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static DevStack shared;

    private final DevStackConfig config;
    private final EmbeddedBroker kafka;
    private final EmbeddedDatabase postgres;
    private final SmtpServer smtp;
    private final LocalSchemaRegistry schemaRegistry;
    private final Duration startedIn;

    private DevStack(DevStackConfig config) {
        long start = System.nanoTime();
        this.config = config;
        List<AutoCloseable> started = new ArrayList<>();
        try {
            schemaRegistry = add(started, new LocalSchemaRegistry(config.schemaRegistryPort()));
            smtp = add(started, new SmtpServer(config));
            postgres = add(started, new EmbeddedDatabase(config));
            kafka = add(started, new EmbeddedBroker(config));
        } catch (RuntimeException e) {
            started.reversed().forEach(DevStack::closeQuietly);
            throw e;
        }
        startedIn = Duration.ofNanos(System.nanoTime() - start);
        log.info("devstack started in {} ms: {}", startedIn.toMillis(), addresses());
    }

    public static DevStack start(DevStackConfig config) {
        return new DevStack(config);
    }

    /** One stack for the whole JVM, started on first use and stopped when the JVM exits. */
    public static synchronized DevStack shared() {
        if (shared == null) {
            shared = start(DevStackConfig.forTests());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "devstack-shutdown"));
        }
        return shared;
    }

    public DevStackConfig config() {
        return config;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker itself, for tests that need its admin client. */
    public EmbeddedKafkaKraftBroker kafkaBroker() {
        return kafka.broker();
    }

    public String schemaRegistryUrl() {
        return schemaRegistry.url();
    }

    public LocalSchemaRegistry schemaRegistry() {
        return schemaRegistry;
    }

    /** The JDBC URL of a database, created if it does not exist yet. */
    public String jdbcUrl(String database) {
        return postgres.createDatabase(database);
    }

    public String databaseUser() {
        return EmbeddedDatabase.USER;
    }

    public String databasePassword() {
        return EmbeddedDatabase.PASSWORD;
    }

    public int postgresPort() {
        return postgres.port();
    }

    public DataSource dataSource(String database) {
        return postgres.dataSource(database);
    }

    public SmtpServer smtp() {
        return smtp;
    }

    public Duration startedIn() {
        return startedIn;
    }

    /**
     * Spring Boot properties that point a service at this stack. {@code database} is the
     * service's own database, or null for a service without one.
     */
    public Map<String, String> springProperties(String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        properties.put("upshift.kafka.schema-registry-url", schemaRegistryUrl());
        properties.put("spring.mail.host", smtp.host());
        properties.put("spring.mail.port", String.valueOf(smtp.port()));
        if (database != null) {
            properties.put("spring.datasource.url", jdbcUrl(database));
            properties.put("spring.datasource.username", databaseUser());
            properties.put("spring.datasource.password", databasePassword());
        }
        return properties;
    }

    /** Where each part listens, one per line, for people. */
    public String addresses() {
        return String.join(System.lineSeparator(),
                "  Kafka (KRaft)    " + kafkaBootstrapServers(),
                "  Schema registry  " + schemaRegistryUrl(),
                "  PostgreSQL       jdbc:postgresql://localhost:" + postgres.port() + "/<db> (user "
                        + EmbeddedDatabase.USER + ", databases " + String.join(", ", config.databases()) + ")",
                "  SMTP             " + smtp.host() + ":" + smtp.port());
    }

    @Override
    public void close() {
        closeQuietly(kafka);
        closeQuietly(postgres);
        closeQuietly(smtp);
        closeQuietly(schemaRegistry);
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T part) {
        started.add(part);
        return part;
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            if (part != null) {
                part.close();
            }
        } catch (Exception e) {
            log.warn("devstack: failed to stop {}: {}", part.getClass().getSimpleName(), e.toString());
        }
    }
}
