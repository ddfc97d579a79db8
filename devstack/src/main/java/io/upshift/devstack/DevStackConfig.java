package io.upshift.devstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to start and where. Port 0 means "any free port" — the default, so that parallel test
 * runs on one machine never collide. The broker always takes a free port (the KRaft test kit
 * chooses it); {@link DevStack#kafkaBootstrapServers()} says which.
 *
 * @param partitionsByTopic partitions per catalogue topic; topics not named use {@link #defaultPartitions}
 * @param defaultPartitions partitions of topics not named above; 0 means the catalogue's own default
 * @param postgresPort PostgreSQL's port
 * @param databases databases created at start-up (one per service); more can be created later
 * @param smtpPort the SMTP server's port
 * @param schemaRegistryPort the HTTP schema registry's port
 * @param mailDirectory where received mails are written as {@code .eml}, or null for nowhere
 * @param restartable the broker and PostgreSQL can be stopped and started again on the same ports
 *        with their data kept ({@link DevStack#stopKafka()}, {@link DevStack#stopPostgres()}): the
 *        broker is then a plain KRaft server with a log directory of its own instead of the
 *        Spring Kafka test broker, so {@link DevStack#kafkaBroker()} is not available
 */
public record DevStackConfig(
        Map<String, Integer> partitionsByTopic,
        int defaultPartitions,
        int postgresPort,
        List<String> databases,
        int smtpPort,
        int schemaRegistryPort,
        Path mailDirectory,
        boolean restartable) {

    public static final List<String> SERVICE_DATABASES = List.of("planner", "notifier", "fleet");

    public DevStackConfig {
        partitionsByTopic = Map.copyOf(partitionsByTopic);
        databases = List.copyOf(databases);
    }

    /** A stack whose parts cannot be restarted (the usual one). */
    public DevStackConfig(Map<String, Integer> partitionsByTopic, int defaultPartitions, int postgresPort,
            List<String> databases, int smtpPort, int schemaRegistryPort, Path mailDirectory) {
        this(partitionsByTopic, defaultPartitions, postgresPort, databases, smtpPort, schemaRegistryPort,
                mailDirectory, false);
    }

    /** Free ports, a few partitions per topic (fast to create), one database per service. */
    public static DevStackConfig forTests() {
        return new DevStackConfig(Map.of(), 4, 0, SERVICE_DATABASES, 0, 0, null);
    }

    public DevStackConfig withMailDirectory(Path directory) {
        return new DevStackConfig(partitionsByTopic, defaultPartitions, postgresPort, databases,
                smtpPort, schemaRegistryPort, directory, restartable);
    }

    public DevStackConfig withDefaultPartitions(int partitions) {
        return new DevStackConfig(partitionsByTopic, partitions, postgresPort, databases,
                smtpPort, schemaRegistryPort, mailDirectory, restartable);
    }

    public DevStackConfig withPartitions(String topic, int partitions) {
        Map<String, Integer> copy = new HashMap<>(partitionsByTopic);
        copy.put(topic, partitions);
        return new DevStackConfig(copy, defaultPartitions, postgresPort, databases,
                smtpPort, schemaRegistryPort, mailDirectory, restartable);
    }

    /** The broker and PostgreSQL can be stopped and started again with their data (fault tests). */
    public DevStackConfig withRestartableParts() {
        return new DevStackConfig(partitionsByTopic, defaultPartitions, postgresPort, databases,
                smtpPort, schemaRegistryPort, mailDirectory, true);
    }
}
