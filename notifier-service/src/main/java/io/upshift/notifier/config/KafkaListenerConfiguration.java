package io.upshift.notifier.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.notifier.support.jdbc.DatabaseFailures;
import io.upshift.schemas.Topic;
import io.upshift.schemas.Topics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One listener container factory per input topic, each with the topic's Avro deserializer (from
 * {@link AvroKafka}) and the shared dead-lettering {@link DefaultErrorHandler}.
 * <p>
 * One addition to that handler: while the database is unavailable, a record is retried with a
 * backoff for as long as the outage lasts instead of being dead-lettered after a few quick tries.
 * A notice that arrives during a 30-second PostgreSQL restart is then applied once PostgreSQL is
 * back; only records that are themselves bad end up on the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class KafkaListenerConfiguration {

    private final AvroKafka kafka;
    private final DefaultErrorHandler errorHandler;
    private final NotifierProperties properties;
    private final MeterRegistry meters;

    KafkaListenerConfiguration(AvroKafka kafka, DefaultErrorHandler errorHandler, NotifierProperties properties,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
        this.errorHandler = errorHandler;
        this.properties = properties;
        ExponentialBackOff whileDatabaseIsDown = new ExponentialBackOff(200, 2.0);
        whileDatabaseIsDown.setMaxInterval(properties.listeners().dbRetryMaxInterval().toMillis());
        errorHandler.setBackOffFunction((record, exception) ->
                DatabaseFailures.isUnavailable(exception) ? whileDatabaseIsDown : null);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, SubscriberNotice> subscriberNoticeContainerFactory() {
        return factory(Topics.SUBSCRIBER_NOTICES);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, UpgradeOutcome> upgradeOutcomeContainerFactory() {
        return factory(Topics.UPGRADE_OUTCOMES);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CampaignEvent> campaignEventContainerFactory() {
        return factory(Topics.CAMPAIGN_EVENTS);
    }

    private <V extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, V> factory(Topic<V> topic) {
        ConcurrentKafkaListenerContainerFactory<String, V> factory = new ConcurrentKafkaListenerContainerFactory<>();
        ConsumerFactory<String, V> consumers = kafka.consumerFactory(topic, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200));
        // the Kafka client's own metrics (lag, fetch rate, rebalances) on /actuator/prometheus
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler);
        factory.setConcurrency(properties.listeners().concurrency());
        return factory;
    }
}
