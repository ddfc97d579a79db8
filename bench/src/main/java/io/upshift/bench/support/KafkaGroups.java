package io.upshift.bench.support;

import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer groups and topics for benchmark runs that share one broker: every run uses groups of
 * its own that start at the current end of the catalogue's topics, so no run reads (or re-runs)
 * what an earlier one left on them.
 */
public final class KafkaGroups implements AutoCloseable {

    private final Admin admin;

    public KafkaGroups(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Commits the end of every catalogue topic for each group (which must not have members yet). */
    public void startAtEnd(List<String> groups) {
        Map<TopicPartition, OffsetAndMetadata> ends = endOffsets(Topics.all().stream().map(Topic::name).toList());
        for (String group : groups) {
            get(admin.alterConsumerGroupOffsets(group, ends).all());
        }
    }

    public Map<TopicPartition, OffsetAndMetadata> endOffsets(List<String> topics) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
        return ends;
    }

    public int partitions(String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    public void createTopic(String name, int partitions) {
        get(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
    }

    public void deleteTopics(List<String> names) {
        get(admin.deleteTopics(names).all());
    }

    /** Waits until the group is stable with {@code members} members that own every partition of {@code topic}. */
    public void awaitStable(String group, int members, String topic, Duration timeout) {
        awaitStable(group, members, topic, partitions(topic), timeout);
    }

    /** As above, for a topic just created (its description may not be visible yet). */
    public void awaitStable(String group, int members, String topic, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String seen;
            try {
                ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
                long owned = description.members().stream()
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(topic)).count();
                if (description.groupState() == GroupState.STABLE && description.members().size() == members
                        && owned == partitions) {
                    return;
                }
                seen = description.groupState() + ", " + description.members().size() + " members, " + owned
                        + " partitions owned";
            } catch (IllegalStateException e) {
                seen = e.getMessage(); // not known to the coordinator yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("group " + group + " did not settle with " + members + " members on "
                        + partitions + " partitions of " + topic + ": " + seen);
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
