package io.upshift.executor.gateway.simulated;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.upshift.executor.config.ExecutorIdentity;
import io.upshift.fleet.world.FleetWorld;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated fleet as the executor's gateway: the default, and what tests, the demo and benchmarks use. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "upshift.executor.gateway", havingValue = "simulated", matchIfMissing = true)
@EnableConfigurationProperties(SimulatedFleetProperties.class)
class SimulatedGatewayConfiguration {

    /** The fleet database; no other part of the executor has a database. */
    @Bean(destroyMethod = "close")
    HikariDataSource fleetDataSource(SimulatedFleetProperties properties, ExecutorIdentity identity) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(properties.jdbcUrl());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        config.setPoolName("fleet-" + identity.id());
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    FleetWorld fleetWorld(HikariDataSource fleetDataSource, SimulatedFleetProperties properties, Clock clock) {
        return FleetWorld.open(fleetDataSource, properties.worldSettings(), clock);
    }

    @Bean
    SimulatedUpgradeGateway simulatedUpgradeGateway(FleetWorld fleetWorld) {
        return new SimulatedUpgradeGateway(fleetWorld);
    }
}
