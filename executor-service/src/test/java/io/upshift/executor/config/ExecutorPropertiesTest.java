package io.upshift.executor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.gateway.simulated.SimulatedFleetProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ExecutorPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ExecutorProperties.class, SimulatedFleetProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void hasDefaultsThatWorkLocally() {
        runner.run(context -> {
            ExecutorProperties executor = context.getBean(ExecutorProperties.class);
            assertThat(executor.gateway()).isEqualTo(ExecutorProperties.GatewayKind.SIMULATED);
            assertThat(executor.maxInFlight()).isEqualTo(10_000);
            assertThat(executor.retry().maxAttempts()).isZero();
            assertThat(executor.consumer().pollTimeout()).isEqualTo(Duration.ofMillis(100));
            SimulatedFleetProperties fleet = context.getBean(SimulatedFleetProperties.class);
            assertThat(fleet.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/fleet");
            assertThat(fleet.failures().fleet()).isEmpty();
        });
    }

    @Test
    void bindsFailureRatesPerVersionWithDotsInTheKey() {
        runner.withPropertyValues("upshift.executor.simulated.failures.versions.[4.2.1].ApexTestFailure=0.4",
                "upshift.executor.simulated.failures.fleet.LockingFailure=0.02").run(context -> {
                    SimulatedFleetProperties fleet = context.getBean(SimulatedFleetProperties.class);
                    assertThat(fleet.failures().versions().get("4.2.1")).containsEntry("ApexTestFailure", 0.4);
                    assertThat(fleet.failures().fleet()).containsEntry("LockingFailure", 0.02);
                });
    }

    @Test
    void bindsAPackageWithAWorldOfItsOwnAndWhatItRequires() {
        runner.withPropertyValues("upshift.executor.simulated.packages.[033Tr0000000015].schema=fleet_extras",
                "upshift.executor.simulated.packages.[033Tr0000000015].requires.package-id=033Tr0000000014",
                "upshift.executor.simulated.packages.[033Tr0000000015].requires.minimum-version=4.2.0").run(context -> {
                    SimulatedFleetProperties.PackageWorld world = context.getBean(SimulatedFleetProperties.class)
                            .packages().get("033Tr0000000015");
                    assertThat(world.schema()).isEqualTo("fleet_extras");
                    assertThat(world.requires().packageId()).isEqualTo("033Tr0000000014");
                    assertThat(world.requires().minimumVersion()).isEqualTo("4.2.0");
                });
        runner.withPropertyValues("upshift.executor.simulated.packages.[033Tr0000000015].schema=fleet_world").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("each package listed needs its own"));
        runner.withPropertyValues("upshift.executor.simulated.packages.[033Tr0000000015].schema=fleet_extras",
                "upshift.executor.simulated.packages.[033Tr0000000015].requires.package-id=033Tr0000000015",
                "upshift.executor.simulated.packages.[033Tr0000000015].requires.minimum-version=4.2.0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("cannot require itself"));
    }

    @Test
    void refusesToStartWithImpossibleSettingsAndSaysWhy() {
        runner.withPropertyValues("upshift.executor.max-in-flight=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("maxInFlight"));
        runner.withPropertyValues("upshift.executor.retry.initial-backoff=5m", "upshift.executor.retry.max-backoff=1m")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("initial-backoff must not be negative nor longer than max-backoff"));
        runner.withPropertyValues("upshift.executor.gateway=carrier-pigeon").run(context ->
                assertThat(context).hasFailed());
        runner.withPropertyValues("upshift.executor.simulated.failures.fleet.ApexFailure=0.1").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("unknown push error type 'ApexFailure'"));
        runner.withPropertyValues("upshift.executor.simulated.latency.median=1m",
                "upshift.executor.simulated.latency.p99=10s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("median <= p99 <= max"));
    }
}
