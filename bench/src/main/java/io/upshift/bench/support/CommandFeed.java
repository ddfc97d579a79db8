package io.upshift.bench.support;

import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Stands in for the planner where a benchmark measures the executor alone: writes one
 * {@link UpgradeCommand} per org to the commands topic, as the planner's outbox relay would.
 */
public final class CommandFeed {

    private CommandFeed() {
    }

    /** Sends a command for every org (one campaign, one target version) and waits for the broker; returns how many. */
    public static long send(String bootstrap, String registryUrl, Stream<SimulatedOrg> orgs, UUID campaignId,
            String packageId, String targetVersion, Instant now) {
        long sent = 0;
        try (KafkaProducer<String, UpgradeCommand> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                Topics.UPGRADE_COMMANDS.keySerializer(),
                Topics.UPGRADE_COMMANDS.valueSerializer(new HttpSchemaRegistryClient(registryUrl)))) {
            for (SimulatedOrg org : (Iterable<SimulatedOrg>) orgs::iterator) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.UPGRADE_COMMANDS.name(),
                        org.orgId(), Messages.command(org, campaignId, packageId, targetVersion, now)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }
}
