package io.upshift.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one server), in this
 * JVM, that can be stopped and started again: the same ports, the same log directory, so clients
 * reconnect to the same address and find their topics, records and committed offsets again, as
 * after a real broker restart. {@code EmbeddedKafkaKraftBroker} cannot do that (it picks new
 * ports and a new log directory each time), so fault tests opt into this one with
 * {@link DevStackConfig#restartable()}.
 */
final class RestartableBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestartableBroker.class);
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final DevStackConfig config;
    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final String clusterId = Uuid.randomUuid().toString();
    private KafkaRaftServer server;

    RestartableBroker(DevStackConfig config) {
        this.config = config;
        try {
            logDirectory = Files.createTempDirectory("upshift-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's log directory", e);
        }
        port = freePort();
        controllerPort = freePort();
        format();
        start();
        createTopics();
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    Path logDirectory() {
        return logDirectory;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker on its ports and log directory; returns once it answers clients. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        KafkaRaftServer starting = new KafkaRaftServer(kafkaConfig(), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            throw new IllegalStateException("cannot start the Kafka broker on port " + port + ": " + e.getMessage(), e);
        }
        server = starting;
        awaitReady();
        log.info("Kafka broker up on {} in {} ms (log directory {})", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), logDirectory);
    }

    /** A clean shutdown (logs flushed, leadership handed back); clients see the broker vanish. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(logDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot delete the broker's log directory {}: {}", logDirectory, e.toString());
        }
    }

    private KafkaConfig kafkaConfig() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory.toString());
        p.put("num.partitions", String.valueOf(Math.max(1, config.defaultPartitions())));
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers of a new group start at once instead of waiting for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small segments and indexes: a test broker should not preallocate hundreds of megabytes.
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        return new KafkaConfig(p, false);
    }

    private void format() {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName("CONTROLLER")
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker's log directory " + logDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get().isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker on " + bootstrapServers()
                                + " did not become ready: " + e.getCause(), e);
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private void createTopics() {
        try (Admin admin = admin()) {
            admin.createTopics(EmbeddedBroker.topicsOf(config)).values().forEach((topic, created) -> {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            });
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** A port free now; kept for the broker's whole life, so restarts listen where clients expect it. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
