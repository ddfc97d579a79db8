package io.upshift.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// Closed after the class: a cached executor context would go on consuming the commands of later test classes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "upshift.instance-id=executor-it",
            // A group of its own that starts at the end: commands of other test classes are not for this one.
            "spring.kafka.consumer.group-id=executor-app-it-${random.uuid}",
            "spring.kafka.consumer.auto-offset-reset=latest"})
class ExecutorApplicationIT {

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, null);
        DevStack stack = DevStack.shared();
        registry.add("upshift.executor.simulated.jdbc-url", () -> stack.jdbcUrl("fleet"));
        registry.add("upshift.executor.simulated.username", stack::databaseUser);
        registry.add("upshift.executor.simulated.password", stack::databasePassword);
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void bootsAgainstTheDevstackAndReportsHealthyOnItsProbes() {
        String base = "http://localhost:" + managementPort + "/actuator/health";

        assertThat(DevStackProperties.get(base)).contains("\"status\":\"UP\"");
        assertThat(DevStackProperties.get(base + "/liveness")).contains("\"status\":\"UP\"");
        assertThat(DevStackProperties.get(base + "/readiness")).contains("\"status\":\"UP\"");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithApplicationAndInstance() {
        String metrics = DevStackProperties.get("http://localhost:" + managementPort + "/actuator/prometheus");

        assertThat(metrics).contains("jvm_memory_used_bytes")
                .contains("application=\"upshift-executor\"")
                .contains("instance=\"executor-it\"")
                .contains("upshift_executor_upgrades_in_flight")
                .contains("upshift_executor_commands_held")
                .contains("upshift_executor_commands_received_total")
                .contains("upshift_executor_upgrade_duration_seconds_bucket")
                .contains("kafka_consumer_fetch_manager_records_lag");
    }
}
