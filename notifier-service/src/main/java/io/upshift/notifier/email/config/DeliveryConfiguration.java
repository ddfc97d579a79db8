package io.upshift.notifier.email.config;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.DeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the email feature's retry rules from its settings: {@code max-attempts} and the backoffs under
 * {@code delivery.*}. The feature's other parts (queue, relay, templates, sender loops) are components.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryPolicy deliveryPolicy(NotifierProperties properties) {
        NotifierProperties.Delivery delivery = properties.delivery();
        return new DeliveryPolicy(properties.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff(),
                delivery.maxRelayPause());
    }
}
