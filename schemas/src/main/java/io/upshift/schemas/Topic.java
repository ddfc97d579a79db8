package io.upshift.schemas;

import io.upshift.schemas.serde.AvroDeserializer;
import io.upshift.schemas.serde.AvroSerializer;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One Kafka topic of the contract: its name bound to its key serde, its value type and the
 * settings it is created with. Binding them in one place means a producer cannot write a
 * {@code CampaignEvent} to the commands topic by accident.
 *
 * @param name the topic name, written only in {@link Topics}
 * @param valueType the Avro record carried as the value
 * @param defaultPartitions partitions when nothing else is configured
 * @param config topic-level settings (retention, clean-up policy) used wherever the topic is created
 * @param compression the codec every producer of the topic writes with: what its readers must decode
 *        (a topic downstream teams read is uncompressed or gzip, which every mainstream client reads)
 */
public record Topic<V extends SpecificRecord>(
        String name, Class<V> valueType, int defaultPartitions, Map<String, String> config,
        CompressionType compression) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(compression, "compression");
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be at least 1 for " + name);
        }
        config = Map.copyOf(config);
    }

    /** A topic outside the contract's catalogue (a dead-letter topic read by a test), uncompressed. */
    public Topic(String name, Class<V> valueType, int defaultPartitions, Map<String, String> config) {
        this(name, valueType, defaultPartitions, config, CompressionType.NONE);
    }

    /** The producer settings that make a producer write this topic as its readers expect: its compression. */
    public Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression.name);
    }

        /** Keys are always strings: an org id or a campaign id. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Serializer<String> keySerializer() {
        return keySerde().serializer();
    }

    public Deserializer<String> keyDeserializer() {
        return keySerde().deserializer();
    }

    public Serializer<V> valueSerializer(SchemaRegistryClient registry) {
        return new AvroSerializer<>(registry);
    }

    public Deserializer<V> valueDeserializer(SchemaRegistryClient registry) {
        return new AvroDeserializer<>(valueType, registry);
    }

    /** The schema registry subject of the value under the TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }

    /** Where records that cannot be processed are parked, with the failure in headers. */
    public String deadLetterTopic() {
        return name + ".DLT";
    }
}
