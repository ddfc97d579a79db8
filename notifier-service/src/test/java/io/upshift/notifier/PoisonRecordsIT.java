package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Records the notifier cannot use go to the dead-letter topic; the records behind them keep flowing. */
class PoisonRecordsIT extends NotifierIntegrationTest {

    @Test
    void garbageBytesAreDeadLetteredAndTheNextNoticeIsStillMailed() {
        String orgId = Records.newOrgId();
        sendRaw(Topics.SUBSCRIBER_NOTICES, orgId, "definitely not avro".getBytes(StandardCharsets.UTF_8));
        String admin = Records.newAddress("admin");
        SubscriberNotice next = Records.notice(UUID.randomUUID(), orgId, NoticeKind.SCHEDULED,
                Instant.parse("2030-05-10T20:00:00Z"), List.of(admin)).build();
        publish(Topics.SUBSCRIBER_NOTICES, orgId, next);

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1);
        assertThat(deadLetters(Topics.SUBSCRIBER_NOTICES, orgId)).isNotEmpty();
    }

    @Test
    void aNoticeWithoutAUsableRecipientOrWithAnImpossibleWindowIsDeadLettered() {
        String noRecipient = Records.newOrgId();
        String backwards = Records.newOrgId();
        String badZone = Records.newOrgId();
        Instant window = Instant.parse("2030-05-10T20:00:00Z");
        publish(Topics.SUBSCRIBER_NOTICES, noRecipient, Records.notice(UUID.randomUUID(), noRecipient,
                NoticeKind.SCHEDULED, window, List.of("nobody\r\n@x")).build());
        publish(Topics.SUBSCRIBER_NOTICES, backwards, Records.notice(UUID.randomUUID(), backwards,
                NoticeKind.SCHEDULED, window, List.of(Records.newAddress("a"))).setWindowEnd(window.minusSeconds(1))
                .build());
        publish(Topics.SUBSCRIBER_NOTICES, badZone, Records.notice(UUID.randomUUID(), badZone,
                NoticeKind.SCHEDULED, window, List.of(Records.newAddress("a"))).setTimeZone("Mars/Olympus_Mons").build());

        assertThat(deadLetters(Topics.SUBSCRIBER_NOTICES, noRecipient)).singleElement()
                .satisfies(r -> assertThat(header(r, "kafka_dlt-exception-message")).contains("no usable recipient"));
        assertThat(deadLetters(Topics.SUBSCRIBER_NOTICES, backwards)).singleElement()
                .satisfies(r -> assertThat(header(r, "kafka_dlt-exception-message")).contains("ends before it starts"));
        assertThat(deadLetters(Topics.SUBSCRIBER_NOTICES, badZone)).singleElement()
                .satisfies(r -> assertThat(header(r, "kafka_dlt-exception-message")).contains("IANA time zone"));
    }

    @Test
    void poisonOutcomesAndCampaignEventsAreDeadLetteredToo() {
        UUID campaign = UUID.randomUUID();
        String orgId = Records.newOrgId();
        sendRaw(Topics.UPGRADE_OUTCOMES, orgId, new byte[] {0, 0, 0, 0, 99, 1, 2, 3});
        publish(Topics.UPGRADE_OUTCOMES, "not-an-org",
                Records.outcome(campaign, "not-an-org", 1, OutcomeStatus.SUCCEEDED, Instant.now()).build());
        publish(Topics.CAMPAIGN_EVENTS, campaign.toString(),
                Records.event(campaign, CampaignEventType.WAVE_PASSED, null, Instant.now()).build());

        assertThat(deadLetters(Topics.UPGRADE_OUTCOMES, orgId)).isNotEmpty();
        assertThat(deadLetters(Topics.UPGRADE_OUTCOMES, "not-an-org")).isNotEmpty();
        assertThat(deadLetters(Topics.CAMPAIGN_EVENTS, campaign.toString())).singleElement()
                .satisfies(r -> assertThat(header(r, "kafka_dlt-exception-message")).contains("without a wave number"));
    }

    private static void sendRaw(Topic<?> topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", DevStack.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value));
        }
    }

    /** The dead letters of a topic with this key, polled until one shows up (or the patience runs out). */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(Topic<?> topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DevStack.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "poison-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.deadLetterTopic()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
