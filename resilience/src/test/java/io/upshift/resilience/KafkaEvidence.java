package io.upshift.resilience;

import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.CachingSchemaRegistryClient;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads topics from their beginning to their current end, as a downstream team's tool would:
 * raw bytes, decoded where they decode (poison records injected by a test are skipped, not fatal).
 */
final class KafkaEvidence {

    private final String bootstrapServers;
    private final String schemaRegistryUrl;

    KafkaEvidence(String bootstrapServers, String schemaRegistryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /** Every outcome event of the campaign, in topic order, duplicates included. */
    List<UpgradeOutcome> outcomes(String campaignId) {
        Deserializer<UpgradeOutcome> values = Topics.UPGRADE_OUTCOMES.valueDeserializer(
                new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(schemaRegistryUrl)));
        List<UpgradeOutcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(Topics.UPGRADE_OUTCOMES.name())) {
            UpgradeOutcome outcome;
            try {
                outcome = values.deserialize(record.topic(), record.value());
            } catch (RuntimeException undecodable) {
                continue;
            }
            if (outcome != null && campaignId.equals(String.valueOf(outcome.getCampaignId()))) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    /** Every record of the topic (all partitions), up to the end offsets seen when called. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-evidence-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
