package io.upshift.notifier.webhook.config;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.report.domain.ApprovalLink;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.webhook.domain.Webhook;
import io.upshift.notifier.webhook.domain.WebhookClient;
import io.upshift.notifier.webhook.domain.WebhookMessages;
import io.upshift.notifier.webhook.domain.WebhookRetryPolicy;
import io.upshift.notifier.webhook.http.JdkWebhookClient;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the webhook feature's domain objects from {@code upshift.notifier.webhooks[*]} (checked when the settings
 * are bound: {@code NotifierProperties}) and {@code upshift.notifier.webhook-delivery.*}.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    List<Webhook> webhooks(NotifierProperties properties) {
        return properties.webhooks().stream()
                .map(w -> new Webhook(w.name(), w.url(), w.secret(),
                        w.events().stream().map(CampaignEventFacts.Type::valueOf).collect(Collectors.toSet()),
                        new HashSet<>(w.packageNames())))
                .toList();
    }

    @Bean
    WebhookMessages webhookMessages(ApprovalLink approvalLink) {
        return new WebhookMessages(approvalLink);
    }

    @Bean
    WebhookRetryPolicy webhookRetryPolicy(NotifierProperties properties) {
        NotifierProperties.WebhookDelivery d = properties.webhookDelivery();
        return new WebhookRetryPolicy(d.initialBackoff(), d.maxBackoff(), d.maxAttempts());
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookClient webhookClient(NotifierProperties properties) {
        return new JdkWebhookClient(properties.webhookDelivery().timeout());
    }
}
