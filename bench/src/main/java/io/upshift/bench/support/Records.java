package io.upshift.bench.support;

import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.CachingSchemaRegistryClient;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serializer;

/** The real records of a fleet's commands and outcomes, as bytes, for the plain-Kafka baselines. */
public record Records(List<String> keys, List<byte[]> commands, List<byte[]> outcomes) {

    public static Records of(FleetOptions fleet, String registryUrl) {
        int n = (int) fleet.count();
        List<String> keys = new ArrayList<>(n);
        List<byte[]> commands = new ArrayList<>(n);
        List<byte[]> outcomes = new ArrayList<>(n);
        // cached: the serializer registers its schema on every record, one HTTP call each otherwise
        CachingSchemaRegistryClient registry = new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(registryUrl));
        Serializer<UpgradeCommand> commandSerializer = Topics.UPGRADE_COMMANDS.valueSerializer(registry);
        var outcomeSerializer = Topics.UPGRADE_OUTCOMES.valueSerializer(registry);
        UUID campaignId = UUID.randomUUID();
        Instant now = Instant.now();
        for (SimulatedOrg org : (Iterable<SimulatedOrg>) Fleets.orgs(fleet)::iterator) {
            UpgradeCommand command = Messages.command(org, campaignId, "033Bn0000000001", "4.2.1", now);
            keys.add(org.orgId());
            commands.add(commandSerializer.serialize(Topics.UPGRADE_COMMANDS.name(), command));
            outcomes.add(outcomeSerializer.serialize(Topics.UPGRADE_OUTCOMES.name(),
                    Messages.succeeded(command, "executor-1", now)));
        }
        return new Records(keys, commands, outcomes);
    }

    public long averageCommandBytes() {
        return commands.stream().mapToLong(b -> b.length).sum() / Math.max(1, commands.size());
    }

    public long averageOutcomeBytes() {
        return outcomes.stream().mapToLong(b -> b.length).sum() / Math.max(1, outcomes.size());
    }
}
