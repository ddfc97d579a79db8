package io.upshift.planner.campaign.config;

import io.upshift.planner.config.PlannerProperties;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.outbox.config.OutboxProperties;
import io.upshift.planner.planning.config.PlanningProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the settings of the campaign features explicitly (binding and validation at start-up),
 * rather than relying on the application's properties scan alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PlannerProperties.class, PlanningProperties.class, OutboxProperties.class,
        DispatchProperties.class})
class CampaignEngineConfiguration {
}
