package io.upshift.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding. Downstream teams decode it with their usual deserializer.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBinary.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBinary)
                .array();
    }

    /** The schema id of a framed payload; the reason it is not one when it is not. */
    public static int schemaId(byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("payload of " + framed.length
                    + " bytes is shorter than the 5-byte Confluent header");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException(String.format(
                    "unknown magic byte 0x%02x (expected 0x00): not in the Confluent wire format", framed[0]));
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
