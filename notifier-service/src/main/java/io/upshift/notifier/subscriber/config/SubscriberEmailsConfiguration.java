package io.upshift.notifier.subscriber.config;

import io.upshift.common.links.LinkSettings;
import io.upshift.common.links.SubscriberLinks;
import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.subscriber.domain.PersonalLinks;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@EnableConfigurationProperties({LinkSettings.class, SubscriberPortalProperties.class})
class SubscriberEmailsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SubscriberEmailsConfiguration.class);

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
            NotifierProperties properties, PersonalLinks personalLinks) {
        return new SubscriberEmailComposer(subscriptions, templates, properties.contactWait(), personalLinks);
    }

    /** Signed links to the subscriber portal when both its address and a link key are configured; none otherwise. */
    @Bean
    PersonalLinks personalLinks(LinkSettings settings, SubscriberPortalProperties portal) {
        Optional<SubscriberLinks> links = settings.links();
        if (links.isEmpty() || portal.url() == null) {
            log.info("subscriber emails carry no personal link: {}", links.isEmpty()
                    ? "no link key (upshift.links.keys)" : "no portal address (upshift.notifier.subscriber-portal.url)");
            return PersonalLinks.NONE;
        }
        SubscriberLinks signer = links.get();
        return (campaignId, orgId, noticeId, windowStart) -> Optional.of(portal.url() + "/s/"
                + signer.sign(UUID.fromString(campaignId), orgId, UUID.fromString(noticeId), windowStart));
    }
}
