package io.upshift.planner.dispatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class DispatchPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DispatchProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void capsEveryCampaignThatSetsNoInFlightCapByDefault() {
        runner.run(context -> assertThat(context.getBean(DispatchProperties.class).defaultMaxInFlight()).isEqualTo(50));
        runner.withPropertyValues("upshift.planner.dispatch.default-max-in-flight=8").run(context ->
                assertThat(context.getBean(DispatchProperties.class).defaultMaxInFlight()).isEqualTo(8));
    }

    @Test
    void refusesToStartWithoutADefaultCap() {
        runner.withPropertyValues("upshift.planner.dispatch.default-max-in-flight=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("defaultMaxInFlight"));
    }
}
