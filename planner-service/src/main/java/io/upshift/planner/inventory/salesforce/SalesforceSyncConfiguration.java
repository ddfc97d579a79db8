package io.upshift.planner.inventory.salesforce;

import io.upshift.salesforce.SalesforceClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the one Salesforce REST client when {@code upshift.planner.salesforce.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "upshift.planner.salesforce.enabled", havingValue = "true")
class SalesforceSyncConfiguration {

    @Bean(destroyMethod = "close")
    SalesforceClient plannerSalesforceClient(SalesforceSyncProperties properties, Clock clock) {
        return new SalesforceClient(properties.clientConfig(), clock);
    }
}
