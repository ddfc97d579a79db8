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
    /** Exactly one of the two brokers runs: the Spring Kafka test broker, or the restartable one. */
    private final EmbeddedBroker kafka;
    private final RestartableBroker restartableKafka;
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
            kafka = config.restartable() ? null : add(started, new EmbeddedBroker(config));
            restartableKafka = config.restartable() ? add(started, new RestartableBroker(config)) : null;
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
        return kafka != null ? kafka.bootstrapServers() : restartableKafka.bootstrapServers();
    }

    /**
     * The broker itself, for tests that need its admin client. Not available on a restartable
     * stack: use an {@code Admin} client on {@link #kafkaBootstrapServers()} there.
     */
    public EmbeddedKafkaKraftBroker kafkaBroker() {
        if (kafka == null) {
            throw new IllegalStateException("a restartable devstack runs a plain KRaft server, not an "
                    + "EmbeddedKafkaKraftBroker: use an Admin client on kafkaBootstrapServers()");
        }
        return kafka.broker();
    }

    /**
     * Stops the broker (a clean shutdown). Clients see it vanish; its ports stay reserved for
     * {@link #startKafka()}. Only on a {@link DevStackConfig#restartable() restartable} stack.
     */
    public void stopKafka() {
        restartable().stop();
    }

    /** Starts the broker again on the same ports and log directory; returns once it answers. */
    public void startKafka() {
        restartable().start();
    }

    public boolean isKafkaRunning() {
        return kafka != null || restartableKafka.isRunning();
    }

    /**
     * Stops PostgreSQL (a "fast" shutdown: sessions are ended, new connections refused). Only on
     * a {@link DevStackConfig#restartable() restartable} stack, where {@link #startPostgres()}
     * brings it back on the same port with every row in place.
     */
    public void stopPostgres() {
        restartable();
        postgres.stop();
    }

    /** Starts PostgreSQL again on the same port and data directory; returns once it accepts connections. */
    public void startPostgres() {
        restartable();
        postgres.start();
    }

    public boolean isPostgresRunning() {
        return postgres.isRunning();
    }

    private RestartableBroker restartable() {
        if (!config.restartable()) {
            throw new IllegalStateException("this devstack was not started restartable: use "
                    + "DevStackConfig.withRestartableParts()");
        }
        return restartableKafka;
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
                "  Kafka (KRaft)    " + kafkaBootstrapServers()
                        + (config.restartable() ? " (restartable, log directory " + restartableKafka.logDirectory() + ")" : ""),
                "  Schema registry  " + schemaRegistryUrl(),
                "  PostgreSQL       jdbc:postgresql://localhost:" + postgres.port() + "/<db> (user "
                        + EmbeddedDatabase.USER + ", databases " + String.join(", ", config.databases()) + ")",
                "  SMTP             " + smtp.host() + ":" + smtp.port());
    }

    @Override
    public void close() {
        closeQuietly(kafka);
        closeQuietly(restartableKafka);
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
