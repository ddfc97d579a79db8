package io.upshift.notifier.subscriber.config;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.TemplateRenderer;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.ResultPolicy;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.SubscriptionLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the subscriber feature's plain-Java domain objects (what a notice or an outcome causes, and how
 * its emails are written) from its settings: {@code reminder-before} and {@code contact-wait}.
 */
@Configuration(proxyBeanMethods = false)
class SubscriberEmailsConfiguration {

    @Bean
    NoticePolicy noticePolicy(NotifierProperties properties) {
        return new NoticePolicy(properties.reminderBefore());
    }

    @Bean
    ResultPolicy resultPolicy() {
        return new ResultPolicy();
    }

    @Bean
    EmailComposer subscriberEmailComposer(SubscriptionLookup subscriptions, TemplateRenderer templates,
            NotifierProperties properties) {
        return new SubscriberEmailComposer(subscriptions, templates, properties.contactWait());
    }
}
