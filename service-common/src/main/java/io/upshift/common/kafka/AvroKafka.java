package io.upshift.common.kafka;

import io.upshift.schemas.Topic;
import io.upshift.schemas.serde.AvroSerializer;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Builds Kafka clients whose serdes come from the topic catalogue. Values are Avro in the
 * Confluent wire format; a record that cannot be decoded reaches the error handler (and so
 * the dead-letter topic) instead of stopping the partition.
 */
public final class AvroKafka {

    private final KafkaProperties kafkaProperties;
    private final SchemaRegistryClient registry;

    public AvroKafka(KafkaProperties kafkaProperties, SchemaRegistryClient registry) {
        this.kafkaProperties = kafkaProperties;
        this.registry = registry;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** A consumer factory for one topic of the catalogue, with Spring Boot's consumer settings plus ours. */
    public <V extends SpecificRecord> ConsumerFactory<String, V> consumerFactory(Topic<V> topic,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildConsumerProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(overrides);
        return new DefaultKafkaConsumerFactory<>(config,
                new ErrorHandlingDeserializer<>(topic.keyDeserializer()),
                new ErrorHandlingDeserializer<>(topic.valueDeserializer(registry)));
    }

    /** A producer for any record of the catalogue: the serializer registers each record's own schema. */
    public ProducerFactory<String, SpecificRecord> producerFactory(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.putAll(overrides);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new AvroSerializer<>(registry));
    }

    /**
     * The template the dead-letter recoverer publishes with: raw bytes stay raw bytes (a record
     * that could not be decoded), a decoded record is written back in the same wire format.
     */
    public KafkaTemplate<Object, Object> deadLetterTemplate() {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.remove("transactional.id");
        Map<Class<?>, org.apache.kafka.common.serialization.Serializer<?>> byType = new java.util.LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(String.class, new StringSerializer());
        byType.put(SpecificRecord.class, new AvroSerializer<>(registry));
        DelegatingByTypeSerializer serializer = new DelegatingByTypeSerializer(byType, true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, serializer, serializer));
    }
}
