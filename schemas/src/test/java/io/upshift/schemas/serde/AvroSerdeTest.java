package io.upshift.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Messages;
import io.upshift.schemas.Topics;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    /*
     * Pinned bytes of Messages.failedOutcome(): a change to the encoding or to the field order of
     * UpgradeOutcome breaks every downstream reader, so it must break this test first. Checked by
     * hand against the Avro spec (zigzag varints, length-prefixed strings, union branch index).
     */
    private static final String GOLDEN_FAILED_OUTCOME = String.join("",
            "00", "00000001",                                                         // magic byte, schema id 1
            "48", hex("00000000-0000-0000-0000-000000000001"),                         // commandId (36 chars)
            "48", hex("00000000-0000-0000-0000-0000000000c1"),                         // campaignId
            "02",                                                                     // waveNumber 1
            "24", hex("00D000000000001EAA"),                                           // orgId (18 chars)
            "02",                                                                     // status FAILED (index 1)
            "02", "02",                                                               // errorCategory: branch 1, PERMANENT
            "02", "1e", hex("ApexTestFailure"),                                       // errorCode
            "02", "22", hex("Apex tests failed"),                                     // errorMessage
            "02", "0a", hex("4.1.0"),                                                 // versionBefore
            "02", "0a", hex("4.1.0"),                                                 // versionAfter
            "02",                                                                     // attempts 1
            "809af9c09567",                                                           // startedAt 2026-03-02T01:00:00Z
            "a09884c19567",                                                           // finishedAt +90 s
            "14", hex("executor-1"),                                                  // executorId
            "02", "0a", hex("NA135"));                                                // instance

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void writesTheConfluentWireFormatByteForByte() {
        byte[] bytes = Topics.UPGRADE_OUTCOMES.valueSerializer(registry)
                .serialize(Topics.UPGRADE_OUTCOMES.name(), Messages.failedOutcome());

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(GOLDEN_FAILED_OUTCOME);
        assertThat(bytes[0]).isZero();
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0, 0, 0, 1);
    }

    @Test
    void registersTheValueSchemaUnderTheTopicNameStrategySubject() {
        Topics.UPGRADE_OUTCOMES.valueSerializer(registry)
                .serialize(Topics.UPGRADE_OUTCOMES.name(), Messages.failedOutcome());

        assertThat(registry.subjects()).containsExactly("upshift.upgrade-outcomes.v1-value");
        assertThat(registry.latest("upshift.upgrade-outcomes.v1-value")).get()
                .satisfies(latest -> assertThat(latest.schema()).isEqualTo(UpgradeOutcome.getClassSchema()));
    }

    @Test
    void readsBackWhatItWrote() {
        String topic = Topics.UPGRADE_COMMANDS.name();
        byte[] bytes = Topics.UPGRADE_COMMANDS.valueSerializer(registry).serialize(topic, Messages.command());

        UpgradeCommand read = Topics.UPGRADE_COMMANDS.valueDeserializer(registry).deserialize(topic, bytes);

        assertThat(read).isEqualTo(Messages.command());
    }

    @Test
    void rejectsAWrongMagicByteNamingTheTopicAndTheReason() {
        byte[] bytes = serializedCommand();
        bytes[0] = 1;

        assertThatThrownBy(() -> deserializeCommand(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("upshift.upgrade-commands.v1")
                .hasMessageContaining("magic byte 0x01");
    }

    @Test
    void rejectsAnUnknownSchemaId() {
        byte[] bytes = serializedCommand();
        bytes[4] = 42;

        assertThatThrownBy(() -> deserializeCommand(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("upshift.upgrade-commands.v1")
                .hasMessageContaining("unknown schema id 42");
    }

    @Test
    void rejectsATruncatedPayload() {
        byte[] bytes = Arrays.copyOf(serializedCommand(), 20);

        assertThatThrownBy(() -> deserializeCommand(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("upshift.upgrade-commands.v1")
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void rejectsAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializeCommand(new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte Confluent header");
    }

    @Test
    void rejectsTrailingGarbageAfterACompleteRecord() {
        byte[] good = serializedCommand();
        byte[] bytes = Arrays.copyOf(good, good.length + 3);

        assertThatThrownBy(() -> deserializeCommand(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void aMockUrlSharesOneRegistryPerScope() {
        assertThat(SchemaRegistries.forUrl("mock://a")).isSameAs(SchemaRegistries.forUrl("mock://a"))
                .isNotSameAs(SchemaRegistries.forUrl("mock://b"));
        assertThatThrownBy(() -> SchemaRegistries.forUrl("ftp://x"))
                .hasMessageContaining("schema.registry.url");
    }

    private byte[] serializedCommand() {
        return Topics.UPGRADE_COMMANDS.valueSerializer(registry)
                .serialize(Topics.UPGRADE_COMMANDS.name(), Messages.command());
    }

    private UpgradeCommand deserializeCommand(byte[] bytes) {
        return Topics.UPGRADE_COMMANDS.valueDeserializer(registry).deserialize(Topics.UPGRADE_COMMANDS.name(), bytes);
    }
}
