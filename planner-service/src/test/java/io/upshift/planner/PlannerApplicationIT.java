package io.upshift.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStackProperties;
import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        TestIssuer.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalManagementPort
    int managementPort;

    @org.springframework.boot.test.web.server.LocalServerPort
    int serverPort;

    @Test
    void servesItsOpenApiDescriptionToAnyRole() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + serverPort + "/v3/api-docs"))
                .header("Authorization", "Bearer " + TestIssuer.shared().token("vera", "VIEWER")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"");
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
