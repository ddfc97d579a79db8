package io.upshift.bench.micro;

import io.upshift.bench.support.Fleets;
import io.upshift.bench.support.Messages;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.planner.outbox.AvroPayloads;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The serde on every hop of a command: the planner's outbox payload (plain Avro, written at
 * dispatch and decoded by the relay), the Confluent-wire-format serializer the relay and the
 * executor write with, and the deserializer the executor and the planner read with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SerdeBenchmark {

    private Serializer<UpgradeCommand> commandSerializer;
    private Deserializer<UpgradeCommand> commandDeserializer;
    private Serializer<UpgradeOutcome> outcomeSerializer;
    private Deserializer<UpgradeOutcome> outcomeDeserializer;
    private UpgradeCommand command;
    private UpgradeOutcome outcome;
    private byte[] commandBytes;
    private byte[] outcomeBytes;
    private byte[] commandPayload;

    @Setup
    public void setUp() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        commandSerializer = Topics.UPGRADE_COMMANDS.valueSerializer(registry);
        commandDeserializer = Topics.UPGRADE_COMMANDS.valueDeserializer(registry);
        outcomeSerializer = Topics.UPGRADE_OUTCOMES.valueSerializer(registry);
        outcomeDeserializer = Topics.UPGRADE_OUTCOMES.valueDeserializer(registry);
        SimulatedOrg org = new FleetGenerator(Fleets.eligible(1, 1)).org(0);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        command = Messages.command(org, UUID.randomUUID(), "033Bn0000000001", "4.2.1", now);
        outcome = Messages.succeeded(command, "executor-1", now);
        commandBytes = commandSerializer.serialize(Topics.UPGRADE_COMMANDS.name(), command);
        outcomeBytes = outcomeSerializer.serialize(Topics.UPGRADE_OUTCOMES.name(), outcome);
        commandPayload = AvroPayloads.encode(command);
    }

    @Benchmark
    public byte[] serializeCommand() {
        return commandSerializer.serialize(Topics.UPGRADE_COMMANDS.name(), command);
    }

    @Benchmark
    public UpgradeCommand deserializeCommand() {
        return commandDeserializer.deserialize(Topics.UPGRADE_COMMANDS.name(), commandBytes);
    }

    @Benchmark
    public byte[] serializeOutcome() {
        return outcomeSerializer.serialize(Topics.UPGRADE_OUTCOMES.name(), outcome);
    }

    @Benchmark
    public UpgradeOutcome deserializeOutcome() {
        return outcomeDeserializer.deserialize(Topics.UPGRADE_OUTCOMES.name(), outcomeBytes);
    }

    @Benchmark
    public byte[] encodeOutboxPayload() {
        return AvroPayloads.encode(command);
    }

    @Benchmark
    public UpgradeCommand decodeOutboxPayload() {
        return AvroPayloads.decode(UpgradeCommand.class, commandPayload);
    }
}
