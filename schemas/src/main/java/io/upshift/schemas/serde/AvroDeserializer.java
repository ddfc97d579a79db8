package io.upshift.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a specific Avro record, resolving the writer's schema
 * (looked up by id) against the reader's, so records written with an older schema still read.
 * Every failure is a {@link SerializationException} that names the topic and the reason; the
 * Kafka client adds the partition and offset when it wraps it.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        TrustedMessages.ensureTrusted();
    }

    /** Kafka client property naming the record class, for configuration by class name. */
    public static final String VALUE_TYPE_CONFIG = "upshift.avro.value.type";

    private Class<T> type;
    private SchemaRegistryClient registry;
    private Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    /** For configuration by class name: reads {@value #VALUE_TYPE_CONFIG} and the registry URL. */
    public AvroDeserializer() {
    }

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        this.registry = registry;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistries.fromConfig(configs);
        }
        if (type == null) {
            Object configured = configs.get(VALUE_TYPE_CONFIG);
            if (configured == null) {
                throw new IllegalArgumentException(VALUE_TYPE_CONFIG + " is not set: the deserializer needs a record class");
            }
            try {
                type = configured instanceof Class<?> c ? (Class<T>) c : (Class<T>) Class.forName(configured.toString());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(VALUE_TYPE_CONFIG + " names an unknown class: " + configured, e);
            }
            readerSchema = SpecificData.get().getSchema(type);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int schemaId;
        try {
            schemaId = ConfluentWireFormat.schemaId(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("topic " + topic + ": " + e.getMessage());
        }
        SpecificDatumReader<T> reader;
        try {
            reader = readersByWriterId.computeIfAbsent(schemaId, id -> {
                Schema writerSchema = registry.schemaById(id);
                return new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForClass(type));
            });
        } catch (SchemaRegistryClient.UnknownSchemaException e) {
            throw new SerializationException("topic " + topic + ": unknown schema id " + schemaId
                    + " (not in the schema registry)");
        } catch (RuntimeException e) {
            throw new SerializationException("topic " + topic + ": cannot resolve schema id " + schemaId
                    + " against " + readerSchema.getFullName() + ": " + e.getMessage(), e);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                    data, ConfluentWireFormat.HEADER_LENGTH, data.length - ConfluentWireFormat.HEADER_LENGTH, null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("topic " + topic + ": " + (data.length - ConfluentWireFormat.HEADER_LENGTH)
                        + "-byte payload has trailing bytes after a complete " + readerSchema.getName());
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException("topic " + topic + ": truncated or corrupt Avro payload for "
                    + readerSchema.getName() + " (schema id " + schemaId + "): " + e, e);
        }
    }
}
