package io.upshift.executor.gateway.salesforce;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.salesforce.SalesforceClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Salesforce gateway when {@code upshift.executor.gateway=salesforce}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "upshift.executor.gateway", havingValue = "salesforce")
class SalesforceGatewayConfiguration {

    @Bean(destroyMethod = "close")
    SalesforceClient salesforceClient(SalesforceGatewayProperties properties, Clock clock) {
        return new SalesforceClient(properties.clientConfig(), clock);
    }

    @Bean(destroyMethod = "close")
    SalesforceUpgradeGateway salesforceUpgradeGateway(SalesforceClient salesforce, SalesforceGatewayProperties properties,
                                                      Clock clock, MeterRegistry registry) {
        return new SalesforceUpgradeGateway(salesforce, properties.push(), clock, new SalesforceGatewayMetrics(registry));
    }
}
