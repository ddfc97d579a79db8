package io.upshift.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.host.HostName;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Tags every metric with {@code application} and {@code instance}, so one dashboard can tell
 * the planner from the notifier and one executor replica from another.
 */
@AutoConfiguration
public class CommonTagsConfiguration {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> upshiftCommonTags(
            @Value("${spring.application.name:upshift}") String application,
            @Value("${upshift.instance-id:}") String instanceId) {
        String instance = instanceId.isBlank() ? HostName.current().orElse("unknown") : instanceId;
        return registry -> registry.config().commonTags("application", application, "instance", instance);
    }
}
