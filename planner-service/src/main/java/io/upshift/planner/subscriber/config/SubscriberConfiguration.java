package io.upshift.planner.subscriber.config;

import io.upshift.common.links.LinkSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The links' keys ({@code upshift.links.*}) are optional in the planner: without them no link is
 * accepted (every request is refused and recorded), so a planner deployed before the portal is safe;
 * a key given but unusable stops the start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LinkSettings.class, SubscriberProperties.class})
class SubscriberConfiguration {
}
