package io.upshift.security.bare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service that has this module on its class path but no API (the executor, when the demo runs
 * every service in one JVM): the management port still serves health, info and Prometheus to
 * anyone, the application port serves nobody, and no default password is made or logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootApplication
    static class ServiceWithoutApi {
    }

    @Test
    void keepsTheManagementPortOpenAndTheApplicationPortClosed(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(ServiceWithoutApi.class).run(
                "--server.port=0", "--management.server.port=0",
                "--management.endpoints.web.exposure.include=health,info,prometheus",
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                "--upshift.kafka.schema-registry-url=mock://no-api", "--upshift.kafka.startup-check=false")) {
            String app = "http://localhost:" + ((WebServerApplicationContext) service).getWebServer().getPort();
            String management = "http://localhost:" + service.getEnvironment().getProperty("local.management.port");

            assertThat(status(management + "/actuator/health")).isEqualTo(200);
            assertThat(status(management + "/actuator/prometheus")).isEqualTo(200);
            assertThat(status(management + "/actuator/info")).isEqualTo(200);
            assertThat(status(management + "/actuator/env")).isIn(401, 403, 404);
            assertThat(status(app + "/api/v1/anything")).isEqualTo(401);
            assertThat(status(app + "/actuator/health")).isEqualTo(401);
        }
        assertThat(output.getAll()).doesNotContain("generated security password");
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
