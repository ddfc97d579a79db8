package io.upshift.planner.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Outbox payloads: plain Avro binary of the topic's value type. The relay decodes a row and hands
 * the record to the Avro producer, whose serializer registers the schema and writes the
 * Confluent wire format; the outbox itself never depends on schema ids.
 */
public final class AvroPayloads {

    static {
        // Avro 1.12 instantiates only trusted classes; trust exactly the contract's package, as the
        // shared serde does (io.upshift.schemas.serde.TrustedMessages) when it is first used
        ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> "io.upshift.messages".equals(type.getPackageName())));
    }

    private AvroPayloads() {
    }

    public static byte[] encode(SpecificRecord record) {
        Writers writers = WRITERS.get();
        try {
            writers.out.reset();
            writers.encoder = EncoderFactory.get().directBinaryEncoder(writers.out, writers.encoder);
            writers.writer(record).write(record, writers.encoder);
            writers.encoder.flush();
            return writers.out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per thread: planning a million notices must not build a writer (and resolve a schema) per record. */
    private static final ThreadLocal<Writers> WRITERS = ThreadLocal.withInitial(Writers::new);

    private static final class Writers {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        private final java.util.Map<Class<?>, SpecificDatumWriter<SpecificRecord>> byType = new java.util.HashMap<>();
        private BinaryEncoder encoder;

        SpecificDatumWriter<SpecificRecord> writer(SpecificRecord record) {
            // the class's own model knows its logical-type conversions (uuid, timestamp-millis)
            return byType.computeIfAbsent(record.getClass(), type -> new SpecificDatumWriter<>(record.getSchema(),
                    SpecificData.getForClass(record.getClass())));
        }
    }

    public static <V extends SpecificRecord> V decode(Class<V> type, byte[] payload) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
            return new SpecificDatumReader<>(type).read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("outbox payload is not a " + type.getSimpleName(), e);
        }
    }
}
