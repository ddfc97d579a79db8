package io.upshift.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.schemas.Messages;
import io.upshift.schemas.Topics;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/** Decodes our bytes the way a downstream team does: header by hand, plain Avro, no Upshift classes. */
class DownstreamDecodeTest {

    @Test
    void aPlainAvroGenericReaderDecodesAnOutcomeAfterTheFiveByteHeader() throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        byte[] bytes = Topics.UPGRADE_OUTCOMES.valueSerializer(registry)
                .serialize(Topics.UPGRADE_OUTCOMES.name(), Messages.failedOutcome());

        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(buffer.get()).isZero();
        int schemaId = buffer.getInt();
        Schema writerSchema = new Schema.Parser().parse(registry.schemaById(schemaId).toString());
        GenericRecord record = new GenericDatumReader<GenericRecord>(writerSchema).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(record.get("orgId")).hasToString("00D000000000001EAA");
        assertThat(record.get("status")).hasToString("FAILED");
        assertThat(record.get("errorCategory")).hasToString("PERMANENT");
        assertThat(record.get("commandId")).hasToString("00000000-0000-0000-0000-000000000001");
        assertThat(record.get("finishedAt")).isEqualTo(Messages.T0.plusSeconds(90).toEpochMilli());
    }
}
