package io.upshift.devstack;

import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker in KRaft mode, in-process, with every catalogue topic and its dead-letter topic. */
final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    EmbeddedBroker(DevStackConfig config) {
        broker = new EmbeddedKafkaKraftBroker(1, Math.max(1, config.defaultPartitions()));
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                // Consumers of a new group start at once instead of waiting for more members.
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5",
                "transaction.state.log.num.partitions", "5"));
        broker.afterPropertiesSet();
        broker.addTopics(topicsOf(config).toArray(NewTopic[]::new));
    }

    static List<NewTopic> topicsOf(DevStackConfig config) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> topic : Topics.all()) {
            int partitions = config.partitionsByTopic().getOrDefault(topic.name(),
                    config.defaultPartitions() > 0 ? config.defaultPartitions() : topic.defaultPartitions());
            topics.add(new NewTopic(topic.name(), partitions, (short) 1).configs(topic.config()));
            topics.add(new NewTopic(topic.deadLetterTopic(), 1, (short) 1));
        }
        return topics;
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    EmbeddedKafkaKraftBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
