package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.SecretScanner;
import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots the notifier as a deployment would — database and SMTP passwords and the bootstrap key as
 * files in a secrets directory, Kafka's SASL settings as properties — uses them (API calls; the
 * health check logs in to the SMTP server), then scans everything the JVM printed and the
 * actuator's env and configprops pages (exposed here on purpose) for any of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keepsEverySecretOutOfItsLogsAndActuatorPages(CapturedOutput output, @TempDir Path secretsDir) throws Exception {
        String dbPassword = SecretScanner.madeUp("db-");
        String smtpPassword = SecretScanner.madeUp("smtp-");
        String bootstrapKey = SecretScanner.madeUp("bootstrap-");
        String kafkaPassword = SecretScanner.madeUp("kafka-");
        Files.writeString(secretsDir.resolve("UPSHIFT_DB_PASSWORD"), dbPassword);
        Files.writeString(secretsDir.resolve("UPSHIFT_SMTP_PASSWORD"), smtpPassword);
        Files.writeString(secretsDir.resolve("UPSHIFT_BOOTSTRAP_ADMIN_KEY"), bootstrapKey);
        String token = TestIssuer.shared().token("ada", "ADMIN");
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("database password", dbPassword,
                "SMTP password", smtpPassword, "bootstrap admin key", bootstrapKey, "Kafka SASL password", kafkaPassword,
                "JWT", token));

        try (ConfigurableApplicationContext notifier = boot(secretsDir, kafkaPassword)) {
            assertThat(notifier.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(dbPassword);
            assertThat(notifier.getEnvironment().getProperty("spring.mail.password")).isEqualTo(smtpPassword);
            String api = "http://localhost:" + ((WebServerApplicationContext) notifier).getWebServer().getPort();
            String management = "http://localhost:" + notifier.getEnvironment().getProperty("local.management.port");

            // when every secret is used
            HttpResponse<String> created = call("POST", api + "/api/v1/api-keys",
                    "{\"name\":\"secrets-it\",\"roles\":[\"ADMIN\"]}", Map.of("X-API-Key", bootstrapKey));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String storedKey = JSON.readTree(created.body()).get("key").asText();
            secrets.put("stored API key", storedKey);
            assertThat(call("PUT", api + "/api/v1/suppressions/secrets%40it.example", "{\"reason\":\"MANUAL\"}",
                    Map.of("X-API-Key", storedKey)).statusCode()).isEqualTo(201);
            assertThat(call("GET", api + "/api/v1/suppressions", null, Map.of("Authorization", "Bearer " + token))
                    .statusCode()).isEqualTo(200);
            // the health check logs in to the SMTP server with the configured user and password (the devstack's
            // server refuses the made-up user: a failed login is logged, which is where passwords tend to leak)
            assertThat(call("GET", management + "/actuator/health", null, Map.of()).statusCode()).isIn(200, 503);

            // then the actuator pages hold none of them
            assertThat(call("GET", management + "/actuator/env", null, Map.of()).statusCode()).isIn(401, 403);
            SecretScanner scanner = SecretScanner.of(secrets);
            scanner.assertNoneIn("/actuator/info", call("GET", management + "/actuator/info", null, Map.of()).body());
            String env = JSON.writeValueAsString(notifier.getBean(EnvironmentEndpoint.class).environment(null));
            String configprops = JSON.writeValueAsString(
                    notifier.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
            assertThat(env).contains("UPSHIFT_SMTP_PASSWORD");
            assertThat(configprops).contains("spring.mail");
            scanner.assertNoneIn("/actuator/env", env);
            scanner.assertNoneIn("/actuator/configprops", configprops);
        }

        assertThat(output.getAll()).contains("sasl.jaas.config = [hidden]")
                .doesNotContain("Using generated security password");
        SecretScanner.of(secrets).assertNoneIn("captured output", output.getAll());
    }

    private static ConfigurableApplicationContext boot(Path secretsDir, String kafkaPassword) {
        DevStack stack = DevStack.shared();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("UPSHIFT_SECRETS_DIR", secretsDir.toAbsolutePath() + "/");
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("upshift.instance-id", "notifier-secrets-it");
        properties.put("spring.datasource.url", stack.jdbcUrl("notifier_secrets"));
        properties.put("spring.datasource.username", stack.databaseUser());
        properties.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        // its own group, reading only what comes from now on: this run sends no notices
        properties.put("spring.kafka.consumer.group-id", "upshift-notifier-secrets-it");
        properties.put("spring.kafka.consumer.auto-offset-reset", "latest");
        properties.put("upshift.kafka.schema-registry-url", stack.schemaRegistryUrl());
        properties.put("spring.mail.host", stack.smtp().host());
        properties.put("spring.mail.port", stack.smtp().port());
        properties.put("UPSHIFT_SMTP_USER", "upshift-mailer");
        properties.put("spring.kafka.properties.sasl.mechanism", "PLAIN");
        properties.put("spring.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"upshift\" password=\""
                        + kafkaPassword + "\";");
        TestIssuer.shared().springProperties().forEach(properties::put);
        properties.put("management.endpoints.web.exposure.include", "health,info,prometheus,env,configprops");
        properties.put("management.endpoint.env.show-values", "always");
        properties.put("management.endpoint.configprops.show-values", "always");
        properties.put("logging.level.org.springframework.security", "DEBUG");
        properties.put("logging.level.org.springframework.web", "DEBUG");
        properties.put("logging.level.com.zaxxer.hikari", "DEBUG");
        properties.put("logging.level.io.upshift", "DEBUG");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(NotifierApplication.class).run(args);
    }

    private static HttpResponse<String> call(String method, String url, String json, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
