package io.upshift.executor.gateway.simulated;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.upshift.executor.config.ExecutorIdentity;
import io.upshift.fleet.world.FleetWorld;
import io.upshift.fleet.world.Prerequisite;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
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

    /** The worlds of the packages listed under {@code upshift.executor.simulated.packages}, closed with the context. */
    @Bean(destroyMethod = "close")
    PackageWorlds packageWorlds(HikariDataSource fleetDataSource, SimulatedFleetProperties properties, Clock clock) {
        Map<String, FleetWorld> worlds = new HashMap<>();
        properties.packages().forEach((id, world) -> worlds.put(SimulatedUpgradeGateway.key(id),
                FleetWorld.open(fleetDataSource, properties.worldSettings().withSchema(world.schema()), clock)));
        return new PackageWorlds(worlds);
    }

    @Bean
    SimulatedUpgradeGateway simulatedUpgradeGateway(FleetWorld fleetWorld, PackageWorlds packageWorlds,
            SimulatedFleetProperties properties) {
        Map<String, SimulatedUpgradeGateway.Dependency> dependencies = new HashMap<>();
        properties.packages().forEach((id, world) -> {
            if (world.requires() != null) {
                FleetWorld base = packageWorlds.worlds().getOrDefault(
                        SimulatedUpgradeGateway.key(world.requires().packageId()), fleetWorld);
                dependencies.put(SimulatedUpgradeGateway.key(id), new SimulatedUpgradeGateway.Dependency(
                        new Prerequisite(world.requires().name(), world.requires().minimumVersion()), base));
            }
        });
        return new SimulatedUpgradeGateway(fleetWorld, packageWorlds.worlds(), dependencies);
    }

    /** The worlds of packages that have one of their own. */
    record PackageWorlds(Map<String, FleetWorld> worlds) implements AutoCloseable {

        @Override
        public void close() {
            worlds.values().forEach(FleetWorld::close);
        }
    }
}
