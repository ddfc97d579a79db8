package io.upshift.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "upshift.instance-id=planner-it"})
class PlannerApplicationIT {

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, "planner");
    }

    @LocalManagementPort
    int managementPort;

    @org.springframework.boot.test.web.server.LocalServerPort
    int serverPort;

    @Test
    void servesItsOpenApiDescription() {
        assertThat(DevStackProperties.get("http://localhost:" + serverPort + "/v3/api-docs")).contains("\"openapi\"");
    }

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
                .contains("application=\"upshift-planner\"")
                .contains("instance=\"planner-it\"");
    }
}
