package io.upshift.planner.tracking.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.planner.tracking.config.TrackingProperties;
import io.upshift.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** The outcome consumer: a batch listener in the planner's consumer group, dead letters from service-common. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class OutcomeListenerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, UpgradeOutcome> outcomeListenerContainer(AvroKafka avroKafka,
            DefaultErrorHandler deadLetteringErrorHandler, TrackingProperties properties, OutcomeListener listener,
            MeterRegistry meters) {
        ConsumerFactory<String, UpgradeOutcome> consumers = avroKafka.consumerFactory(Topics.UPGRADE_OUTCOMES, Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxBatch(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.fetchMaxWait().toMillis(),
                // a batch may wait for an unreachable database for minutes without leaving the group
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000));
        // the Kafka client's own metrics (lag, fetch rate, rebalances) on /actuator/prometheus
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        ContainerProperties container = new ContainerProperties(Topics.UPGRADE_OUTCOMES.name());
        container.setMessageListener(listener);
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        ConcurrentMessageListenerContainer<String, UpgradeOutcome> outcomes =
                new ConcurrentMessageListenerContainer<>(consumers, container);
        outcomes.setConcurrency(properties.concurrency());
        outcomes.setCommonErrorHandler(deadLetteringErrorHandler);
        return outcomes;
    }
}
