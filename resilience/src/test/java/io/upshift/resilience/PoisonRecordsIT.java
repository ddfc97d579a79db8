package io.upshift.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.OrgType;
import io.upshift.messages.OutcomeCounts;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.CachingSchemaRegistryClient;
import io.upshift.schemas.serde.ConfluentWireFormat;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Poison on every input topic in the middle of a campaign ({@link FaultStack#ORGS} orgs): garbage bytes, a record
 * naming a schema id the registry never issued, and a well-formed record that says something
 * impossible. Each consumer group that reads the topic sets the record aside — to
 * {@code <topic>.DLT} with the reason in its headers, counted in
 * {@code upshift_kafka_dead_letters_total} — and goes on: the campaign completes with every
 * invariant. (The executors read campaign events without a consumer group, from the beginning at
 * every start; they count unreadable ones instead of parking them again at each start.)
 */
class PoisonRecordsIT {

    private static final String EXECUTORS = "upshift-executor";
    private static final String PLANNER = "upshift-planner";
    private static final String NOTIFIER = "upshift-notifier";
    private static final String DEAD_LETTERS = "upshift_kafka_dead_letters_total";
    private static final String UNREADABLE_EVENTS = "upshift_executor_campaign_events_unreadable_total";
    private static final String FOREIGN_ORG = "00D000000000001EAA";
    private static final int UNKNOWN_SCHEMA_ID = 987_654;

    /** One poison record as written: where it landed, and which consumer groups must dead-letter it. */
    record Poison(String topic, int partition, long offset, String kind, Set<String> groups) {
    }

    @Test
    void poisonOnEveryInputTopicIsDeadLetteredAndCountedWhileTheCampaignFlowsOn() {
        FaultStack stack = FaultStack.shared();
        Invariants invariants = new Invariants(stack);
        UpshiftProcesses services = stack.services();
        FaultCampaign campaign = stack.campaign(FaultStack.ORGS).schedule();
        campaign.awaitFinished(0.3, Duration.ofMinutes(5));
        Map<String, Double> deadLettersBefore = deadLetters(services);
        Map<String, Double> unreadableBefore = unreadableEvents(services);

        // When poison arrives on each input topic
        List<Poison> poison = new ArrayList<>();
        SchemaRegistryClient registry = new CachingSchemaRegistryClient(
                new HttpSchemaRegistryClient(stack.devstack().schemaRegistryUrl()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.devstack().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            Map<Topic<?>, Set<String>> readers = Map.of(
                    Topics.UPGRADE_COMMANDS, Set.of(EXECUTORS),
                    Topics.UPGRADE_OUTCOMES, Set.of(PLANNER, NOTIFIER),
                    Topics.CAMPAIGN_EVENTS, Set.of(NOTIFIER),
                    Topics.SUBSCRIBER_NOTICES, Set.of(NOTIFIER));
            Map<Topic<?>, SpecificRecord> impossible = Map.of(
                    Topics.UPGRADE_COMMANDS, commandWhoseWindowEndsBeforeItStarts(),
                    Topics.UPGRADE_OUTCOMES, outcomeOfNoOrgInNoWave(),
                    Topics.CAMPAIGN_EVENTS, wavePassedWithoutAWaveAndNegativeCounts(),
                    Topics.SUBSCRIBER_NOTICES, noticeWhoseWindowEndsBeforeItStarts());
            for (Topic<?> topic : List.of(Topics.UPGRADE_COMMANDS, Topics.UPGRADE_OUTCOMES, Topics.CAMPAIGN_EVENTS,
                    Topics.SUBSCRIBER_NOTICES)) {
                Set<String> groups = readers.get(topic);
                poison.add(send(producer, topic, "garbage", garbage(), groups));
                poison.add(send(producer, topic, "unknown schema id",
                        ConfluentWireFormat.frame(UNKNOWN_SCHEMA_ID, new byte[] {2, 4, 6, 8}), groups));
                poison.add(send(producer, topic, "impossible values", serialize(topic, impossible.get(topic), registry),
                        groups));
            }
        }

        // Then the campaign flows on and completes, with every invariant
        invariants.hold(invariants.awaitEnd(campaign, Duration.ofMinutes(8)));

        // And each consumer group set each poison record aside on the topic's dead-letter topic, with the reason
        SoftAssertions soft = new SoftAssertions();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLettered = new HashMap<>();
        for (Poison p : poison) {
            List<ConsumerRecord<byte[], byte[]>> copies = deadLettered.computeIfAbsent(p.topic(),
                    t -> stack.kafka().readAll(t + ".DLT")).stream()
                    .filter(r -> p.topic().equals(text(r, "kafka_dlt-original-topic"))
                            && p.partition() == ByteBuffer.wrap(header(r, "kafka_dlt-original-partition")).getInt()
                            && p.offset() == ByteBuffer.wrap(header(r, "kafka_dlt-original-offset")).getLong())
                    .toList();
            Set<String> groups = new HashSet<>();
            copies.forEach(r -> groups.add(text(r, "kafka_dlt-original-consumer-group")));
            // The executors' own poll loop does not name its group on the dead letter; the listener containers do.
            groups.remove(null);
            soft.assertThat(copies).as("dead letters of the %s record on %s", p.kind(), p.topic())
                    .hasSizeGreaterThanOrEqualTo(p.groups().size());
            soft.assertThat(copies).as("reasons given for the %s record on %s", p.kind(), p.topic())
                    .allSatisfy(r -> assertThat(text(r, "kafka_dlt-exception-message")).isNotBlank());
            if (!groups.isEmpty()) {
                soft.assertThat(groups).as("groups that dead-lettered the %s record on %s", p.kind(), p.topic())
                        .containsExactlyInAnyOrderElementsOf(p.groups());
            }
        }
        // And counted it
        Map<String, Double> deadLettersAfter = deadLetters(services);
        for (String key : List.of(
                "executors " + Topics.UPGRADE_COMMANDS.name(),
                "planner " + Topics.UPGRADE_OUTCOMES.name(),
                "notifier " + Topics.UPGRADE_OUTCOMES.name(),
                "notifier " + Topics.CAMPAIGN_EVENTS.name(),
                "notifier " + Topics.SUBSCRIBER_NOTICES.name())) {
            soft.assertThat(deadLettersAfter.getOrDefault(key, 0.0) - deadLettersBefore.getOrDefault(key, 0.0))
                    .as("%s (dead letters counted)", key).isGreaterThanOrEqualTo(3.0);
        }
        Map<String, Double> unreadableAfter = unreadableEvents(services);
        unreadableAfter.forEach((executor, count) -> soft.assertThat(count - unreadableBefore.getOrDefault(executor, 0.0))
                .as("unreadable campaign events counted by %s", executor).isGreaterThanOrEqualTo(2.0));
        soft.assertAll();
    }

    private static Poison send(KafkaProducer<String, byte[]> producer, Topic<?> topic, String kind, byte[] value,
            Set<String> groups) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), FOREIGN_ORG, value)).get();
            return new Poison(topic.name(), written.partition(), written.offset(), kind, groups);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write poison to " + topic.name(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> byte[] serialize(Topic<V> topic, SpecificRecord value,
            SchemaRegistryClient registry) {
        return topic.valueSerializer(registry).serialize(topic.name(), (V) value);
    }

    /** Not the wire format at all: no magic byte, no schema id. */
    private static byte[] garbage() {
        return "\u0007 this is not Avro: {\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static UpgradeCommand commandWhoseWindowEndsBeforeItStarts() {
        Instant now = Instant.now();
        return UpgradeCommand.newBuilder().setCommandId(UUID.randomUUID()).setCampaignId(UUID.randomUUID())
                .setWaveNumber(1).setOrgId(FOREIGN_ORG).setOrgName("Poison Inc.").setOrgType(OrgType.PRODUCTION)
                .setInstance("NA135").setPackageId("033000000000001AAA").setFromVersion("4.1.0")
                .setTargetVersion(FaultCampaign.TARGET_VERSION).setPackageVersionId("04t000000000001AAA")
                .setNotBefore(now.plusSeconds(3600)).setNotAfter(now).setAttempt(1).setIssuedAt(now).build();
    }

    private static UpgradeOutcome outcomeOfNoOrgInNoWave() {
        Instant now = Instant.now();
        return UpgradeOutcome.newBuilder().setCommandId(UUID.randomUUID()).setCampaignId(UUID.randomUUID())
                .setWaveNumber(-1).setOrgId("not an org id").setStatus(OutcomeStatus.SUCCEEDED).setAttempts(1)
                .setStartedAt(now).setFinishedAt(now.minusSeconds(60)).setExecutorId("nobody").build();
    }

    private static CampaignEvent wavePassedWithoutAWaveAndNegativeCounts() {
        return CampaignEvent.newBuilder().setEventId(UUID.randomUUID()).setCampaignId(UUID.randomUUID())
                .setType(CampaignEventType.WAVE_PASSED).setWaveNumber(null)
                .setCounts(new OutcomeCounts(-5, 0, 0, -5, 0, 0, 0, 0)).setAt(Instant.now()).build();
    }

    private static SubscriberNotice noticeWhoseWindowEndsBeforeItStarts() {
        Instant now = Instant.now();
        return SubscriberNotice.newBuilder().setNoticeId(UUID.randomUUID()).setCampaignId(UUID.randomUUID())
                .setOrgId(FOREIGN_ORG).setKind(NoticeKind.SCHEDULED).setWindowStart(now.plusSeconds(7200))
                .setWindowEnd(now.plusSeconds(3600)).setTimeZone("Europe/Berlin")
                .setTargetVersion(FaultCampaign.TARGET_VERSION).setRecipients(List.of("admin@poison.example")).build();
    }

    /** Dead letters counted, by "service topic" (the three executors added up). */
    private static Map<String, Double> deadLetters(UpshiftProcesses services) {
        Map<String, Double> counts = new HashMap<>();
        for (ServiceProcess service : services.all()) {
            String who = service.name().startsWith("executor") ? "executors" : service.name();
            String page = service.metrics();
            for (Topic<?> topic : Topics.all()) {
                counts.merge(who + " " + topic.name(),
                        Prometheus.sum(page, DEAD_LETTERS, Map.of("topic", topic.name())), Double::sum);
            }
        }
        return counts;
    }

    private static Map<String, Double> unreadableEvents(UpshiftProcesses services) {
        Map<String, Double> counts = new HashMap<>();
        for (ServiceProcess executor : services.executors()) {
            counts.put(executor.name(), Prometheus.sum(executor.metrics(), UNREADABLE_EVENTS));
        }
        return counts;
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? new byte[8] : header.value();
    }

    private static String text(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
