package io.upshift.notifier.config;

import io.upshift.notifier.email.domain.DeliveryPolicy;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.TemplateRenderer;
import io.upshift.notifier.report.domain.ReportEmailComposer;
import io.upshift.notifier.report.domain.ReportPolicy;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.report.domain.ReportSettings;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.ResultPolicy;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.SubscriptionLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the plain-Java domain objects from the validated settings. */
@Configuration(proxyBeanMethods = false)
class NotifierConfiguration {

    @Bean
    NoticePolicy noticePolicy(NotifierProperties properties) {
        return new NoticePolicy(properties.reminderBefore());
    }

    @Bean
    ResultPolicy resultPolicy() {
        return new ResultPolicy();
    }

    @Bean
    ReportPolicy reportPolicy(NotifierProperties properties) {
        return new ReportPolicy(!properties.publisherRecipients().isEmpty(), properties.reports().wavePassed());
    }

    @Bean
    DeliveryPolicy deliveryPolicy(NotifierProperties properties) {
        NotifierProperties.Delivery delivery = properties.delivery();
        return new DeliveryPolicy(properties.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff(),
                delivery.maxRelayPause());
    }

    @Bean
    EmailComposer subscriberEmailComposer(SubscriptionLookup subscriptions, TemplateRenderer templates,
            NotifierProperties properties) {
        return new SubscriberEmailComposer(subscriptions, templates, properties.contactWait());
    }

    @Bean
    EmailComposer reportEmailComposer(ReportQueries queries, TemplateRenderer templates, NotifierProperties properties) {
        NotifierProperties.Reports reports = properties.reports();
        return new ReportEmailComposer(queries, templates, new ReportSettings(properties.publisherRecipients(),
                reports.locale(), reports.settleTimeout(), reports.worstPods(), reports.csvLimit()));
    }
}
