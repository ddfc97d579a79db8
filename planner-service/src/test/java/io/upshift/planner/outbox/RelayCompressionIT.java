package io.upshift.planner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import io.upshift.messages.SubscriberNotice;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.KafkaProbe;
import io.upshift.planner.support.PlannerIT;
import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.SchemaRegistries;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.FileRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

/**
 * What the relay writes, as a client without an lz4 codec would read it (KafkaJS reads gzip, and
 * lz4, snappy and zstd only with add-ons): the record batches are read from the broker's log files
 * and decoded only when their codec is one every mainstream client has.
 */
class RelayCompressionIT extends PlannerIT {

    /** The codecs every mainstream client (Java, librdkafka for Python and Go, KafkaJS) decodes without add-ons. */
    private static final Set<CompressionType> EVERY_CLIENT = Set.of(CompressionType.NONE, CompressionType.GZIP);

    @Test
    void aCampaignEventFromTheRelayIsReadableByAClientWithoutLz4WhileNoticesStayLz4() {
        // given
        Inventory.Package pkg = inventory().newPackage();
        pkg.add(Org.production().times(3));

        try (KafkaProbe<CampaignEvent> events = KafkaProbe.read(Topics.CAMPAIGN_EVENTS);
             KafkaProbe<SubscriberNotice> notices = KafkaProbe.read(Topics.SUBSCRIBER_NOTICES)) {
            // when the campaign is scheduled: the relay publishes its SCHEDULED event and a notice per org
            Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json());
            String id = created.json().get("id").asText();
            assertThat(api().post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);
            assertThat(events.await(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.SCHEDULED, 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(notices.await(n -> n.getCampaignId().toString().equals(id), 3, Duration.ofSeconds(30)))
                    .hasSize(3);

            // then the event's batch is in a codec every client reads, and it reads as the event
            ConsumerRecord<String, CampaignEvent> event = events.records(e -> e.getCampaignId().toString().equals(id)
                    && e.getType() == CampaignEventType.SCHEDULED).getFirst();
            RecordBatch eventBatch = batchOf(Topics.CAMPAIGN_EVENTS.name(), event.partition(), event.offset());
            assertThat(eventBatch.compressionType()).isIn(EVERY_CLIENT);
            CampaignEvent read = readWithoutLz4(Topics.CAMPAIGN_EVENTS, eventBatch, event.offset());
            assertThat(read.getCampaignId().toString()).isEqualTo(id);
            assertThat(read.getType()).isEqualTo(CampaignEventType.SCHEDULED);

            // while the internal, high-volume notices keep lz4
            ConsumerRecord<String, SubscriberNotice> notice = notices.records(n -> n.getCampaignId().toString().equals(id))
                    .getFirst();
            assertThat(batchOf(Topics.SUBSCRIBER_NOTICES.name(), notice.partition(), notice.offset()).compressionType())
                    .isEqualTo(CompressionType.LZ4);
        }
    }

    /** Decodes one record of a batch the way a client that has only the "none" and "gzip" codecs would. */
    private static <V extends SpecificRecord> V readWithoutLz4(Topic<V> topic, RecordBatch batch, long offset) {
        if (!EVERY_CLIENT.contains(batch.compressionType())) {
            throw new AssertionError("a client without " + batch.compressionType().name + " cannot read " + topic.name());
        }
        for (Record record : batch) {
            if (record.offset() == offset) {
                ByteBuffer value = record.value();
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                return topic.valueDeserializer(SchemaRegistries.forUrl(DevStack.shared().schemaRegistryUrl()))
                        .deserialize(topic.name(), bytes);
            }
        }
        throw new AssertionError("no record at offset " + offset + " in its batch");
    }

    /** The record batch that holds an offset, read from the broker's log segment files (the broker runs on this host). */
    private static RecordBatch batchOf(String topic, int partition, long offset) {
        for (File segment : segments(topic, partition)) {
            try (FileRecords records = FileRecords.open(segment)) {
                for (RecordBatch batch : records.batches()) {
                    if (batch.baseOffset() <= offset && offset <= batch.lastOffset()) {
                        batch.ensureValid();
                        return batch;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no batch with offset " + offset + " in " + topic + "-" + partition);
    }

    private static List<File> segments(String topic, int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                DevStack.shared().kafkaBootstrapServers()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            List<File> segments = new ArrayList<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.keySet().forEach(dir -> {
                File[] logs = new File(dir, topic + "-" + partition).listFiles((d, name) -> name.endsWith(".log"));
                if (logs != null) {
                    segments.addAll(List.of(logs));
                }
            }));
            assertThat(segments).as("log segments of " + topic + "-" + partition).isNotEmpty();
            return segments;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
