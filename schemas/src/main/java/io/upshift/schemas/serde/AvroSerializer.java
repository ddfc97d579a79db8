package io.upshift.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a specific Avro record in the Confluent wire format, registering its schema under
 * {@code <topic>-value} (TopicNameStrategy) the first time it is seen.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    static {
        TrustedMessages.ensureTrusted();
    }

    private SchemaRegistryClient registry;
    private boolean isKey;

    /** For configuration by class name: reads {@value SchemaRegistries#URL_CONFIG}. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = SchemaRegistries.fromConfig(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = topic + (isKey ? "-key" : "-value");
        int id;
        try {
            id = registry.register(subject, schema);
        } catch (RuntimeException e) {
            throw new SerializationException("topic " + topic + ": cannot register schema "
                    + schema.getFullName() + " under " + subject + ": " + e.getMessage(), e);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<T>(schema).write(record, encoder);
            encoder.flush();
            return ConfluentWireFormat.frame(id, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("topic " + topic + ": cannot encode " + schema.getFullName()
                    + ": " + e.getMessage(), e);
        }
    }
}
