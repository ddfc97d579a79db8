package io.upshift.executor.execution.kafka;

import io.upshift.devstack.DevStack;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.SchemaRegistries;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The test's side of the topics: a plain producer of commands and campaign events (the planner's
 * role), and watchers that read outcomes and dead letters written from now on.
 */
final class CommandsTopic implements AutoCloseable {

    private final DevStack stack;
    private final SchemaRegistryClient registry;
    private final KafkaProducer<String, UpgradeCommand> commands;
    private final KafkaProducer<String, CampaignEvent> campaignEvents;
    private final KafkaProducer<String, byte[]> raw;
    private final List<AutoCloseable> watchers = new ArrayList<>();

    CommandsTopic(DevStack stack) {
        this.stack = stack;
        this.registry = SchemaRegistries.forUrl(stack.schemaRegistryUrl());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all");
        this.commands = new KafkaProducer<>(config, new StringSerializer(),
                Topics.UPGRADE_COMMANDS.valueSerializer(registry));
        this.campaignEvents = new KafkaProducer<>(config, new StringSerializer(),
                Topics.CAMPAIGN_EVENTS.valueSerializer(registry));
        this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    void send(UpgradeCommand command) {
        commands.send(new ProducerRecord<>(Topics.UPGRADE_COMMANDS.name(), command.getOrgId(), command));
    }

    void sendAll(Collection<UpgradeCommand> all) {
        all.forEach(this::send);
        commands.flush();
    }

    void sendRaw(String key, byte[] value) {
        raw.send(new ProducerRecord<>(Topics.UPGRADE_COMMANDS.name(), key, value));
        raw.flush();
    }

    void sendCampaignEvent(UUID campaignId, CampaignEventType type, String reason) {
        CampaignEvent event = CampaignEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setType(type)
                .setReason(reason)
                .setAt(Instant.now())
                .build();
        try {
            campaignEvents.send(new ProducerRecord<>(Topics.CAMPAIGN_EVENTS.name(), campaignId.toString(), event))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot write the campaign event", e);
        }
    }

    /** The partition of the commands topic an org's commands land on. */
    int partitionOf(String orgId) {
        int partitions = partitionCount();
        return Utils.toPositive(Utils.murmur2(orgId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    int partitionCount() {
        return commands.partitionsFor(Topics.UPGRADE_COMMANDS.name()).size();
    }

    /** Commits the group's offsets at the end of the commands topic, so it reads only what comes next. */
    void moveGroupToEnd(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topics.UPGRADE_COMMANDS.name()))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topics.UPGRADE_COMMANDS.name()).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.UPGRADE_COMMANDS.name(), p.partition()),
                            p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot move group " + group + " to the end of the commands topic", e);
        }
    }

    /** Collects every outcome written from now on, by command id. */
    Outcomes watchOutcomes() {
        Outcomes outcomes = new Outcomes(stack, registry);
        watchers.add(outcomes);
        return outcomes;
    }

    /** Collects every dead letter of the commands topic written from now on. */
    DeadLetters watchDeadLetters() {
        DeadLetters letters = new DeadLetters(stack);
        watchers.add(letters);
        return letters;
    }

    @Override
    public void close() {
        for (AutoCloseable watcher : watchers) {
            try {
                watcher.close();
            } catch (Exception e) {
                // best effort in tests
            }
        }
        commands.close(Duration.ofSeconds(5));
        campaignEvents.close(Duration.ofSeconds(5));
        raw.close(Duration.ofSeconds(5));
    }

    /** Reads a topic from its current end on a thread of its own until closed. */
    abstract static class Watcher<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        Watcher(DevStack stack, String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new org.apache.kafka.common.serialization.StringDeserializer(), values);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start now, before the test writes anything
            thread = new Thread(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(this::accept);
                }
                consumer.close();
            }, "watcher-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        abstract void accept(ConsumerRecord<String, V> record);

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    static final class Outcomes extends Watcher<UpgradeOutcome> {
        private final Map<UUID, List<UpgradeOutcome>> byCommand = new ConcurrentHashMap<>();

        Outcomes(DevStack stack, SchemaRegistryClient registry) {
            super(stack, Topics.UPGRADE_OUTCOMES.name(), Topics.UPGRADE_OUTCOMES.valueDeserializer(registry));
        }

        @Override
        void accept(ConsumerRecord<String, UpgradeOutcome> record) {
            byCommand.computeIfAbsent(record.value().getCommandId(), id -> new CopyOnWriteArrayList<>())
                    .add(record.value());
        }

        /** How many of these commands have at least one outcome. */
        long answered(Collection<UUID> commandIds) {
            return commandIds.stream().filter(byCommand::containsKey).count();
        }

        List<UpgradeOutcome> of(UUID commandId) {
            return byCommand.getOrDefault(commandId, List.of());
        }

        /** The first outcome of each of these commands. */
        Map<UUID, UpgradeOutcome> first(Collection<UUID> commandIds) {
            return commandIds.stream().filter(byCommand::containsKey)
                    .collect(Collectors.toMap(id -> id, id -> byCommand.get(id).getFirst()));
        }

        Set<UUID> commands() {
            return byCommand.keySet();
        }
    }

    static final class DeadLetters extends Watcher<byte[]> {
        final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

        DeadLetters(DevStack stack) {
            super(stack, Topics.UPGRADE_COMMANDS.deadLetterTopic(), new ByteArrayDeserializer());
        }

        @Override
        void accept(ConsumerRecord<String, byte[]> record) {
            records.add(record);
        }
    }
}
