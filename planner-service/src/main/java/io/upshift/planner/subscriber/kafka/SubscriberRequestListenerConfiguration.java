package io.upshift.planner.subscriber.kafka;

import io.upshift.common.kafka.AvroKafka;
import io.upshift.messages.SubscriberRequest;
import io.upshift.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** The subscriber-request consumer: one container, records one by one, dead letters from service-common. */
@Configuration(proxyBeanMethods = false)
class SubscriberRequestListenerConfiguration {

    @Bean
    ConcurrentMessageListenerContainer<String, SubscriberRequest> subscriberRequestListenerContainer(
            AvroKafka avroKafka, DefaultErrorHandler deadLetteringErrorHandler, SubscriberRequestListener listener) {
        ContainerProperties container = new ContainerProperties(Topics.SUBSCRIBER_REQUESTS.name());
        container.setMessageListener(listener);
        container.setAckMode(ContainerProperties.AckMode.RECORD);
        ConcurrentMessageListenerContainer<String, SubscriberRequest> requests = new ConcurrentMessageListenerContainer<>(
                avroKafka.consumerFactory(Topics.SUBSCRIBER_REQUESTS, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)),
                container);
        requests.setCommonErrorHandler(deadLetteringErrorHandler);
        return requests;
    }
}
