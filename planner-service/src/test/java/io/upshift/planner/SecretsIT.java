package io.upshift.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.SecretScanner;
import io.upshift.planner.inventory.InventoryFixtures;
import io.upshift.salesforce.stub.SalesforceStub;
import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boots the planner as a deployment would — database password and bootstrap key as files in a
 * secrets directory, Kafka's SASL settings and the Salesforce client secret as properties — uses
 * every secret (API calls with the key, a token and a stored key; a Salesforce sync), then scans
 * everything the JVM printed, and the actuator's env and configprops pages (exposed here on
 * purpose, as a careless deployment might), for any of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keepsEverySecretOutOfItsLogsAndActuatorPages(CapturedOutput output, @TempDir Path secretsDir) throws Exception {
        // given secrets made up for this run
        String dbPassword = SecretScanner.madeUp("db-");
        String bootstrapKey = SecretScanner.madeUp("bootstrap-");
        String kafkaPassword = SecretScanner.madeUp("kafka-");
        Files.writeString(secretsDir.resolve("UPSHIFT_DB_PASSWORD"), dbPassword);
        Files.writeString(secretsDir.resolve("UPSHIFT_BOOTSTRAP_ADMIN_KEY"), bootstrapKey);
        Map<String, String> secrets = new LinkedHashMap<>(Map.of("database password", dbPassword,
                "bootstrap admin key", bootstrapKey, "Kafka SASL password", kafkaPassword,
                "Salesforce client secret", SalesforceStub.CLIENT_SECRET));
        String token = TestIssuer.shared().token("ada", "ADMIN");
        secrets.put("JWT", token);

        try (SalesforceStub salesforce = new SalesforceStub();
             ConfigurableApplicationContext planner = boot(secretsDir, kafkaPassword, salesforce)) {
            // the secrets were read from where a deployment puts them
            assertThat(planner.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(dbPassword);
            String api = "http://localhost:" + ((WebServerApplicationContext) planner).getWebServer().getPort();
            String management = "http://localhost:" + planner.getEnvironment().getProperty("local.management.port");

            // when every secret is used: the bootstrap key makes a stored key, which is used, as is a token
            HttpResponse<String> created = call("POST", api + "/api/v1/api-keys",
                    "{\"name\":\"secrets-it\",\"roles\":[\"ADMIN\"]}", Map.of("X-API-Key", bootstrapKey));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String storedKey = JSON.readTree(created.body()).get("key").asText();
            secrets.put("stored API key", storedKey);
            assertThat(call("GET", api + "/api/v1/api-keys", null, Map.of("X-API-Key", storedKey)).statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", api + "/api/v1/campaigns", null, Map.of("X-API-Key", storedKey + "x")).statusCode())
                    .isEqualTo(401);
            // and the planner logs in to Salesforce with its client secret to sync the package's subscribers
            String packageId = salesforce.addPackage("Secrets", "sec");
            String version = salesforce.addVersion(packageId, "1.0.0");
            salesforce.addSubscriber(SalesforceStub.Subscriber.active(InventoryFixtures.orgId(990_001), packageId, version));
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            assertThat(call("POST", api + "/api/v1/packages", "{\"packageId\":\"" + packageId + "\",\"name\":\"Secrets\"}",
                    bearer).statusCode()).isEqualTo(201);
            assertThat(call("POST", api + "/api/v1/packages/" + packageId + "/versions", "{\"versionId\":\"" + version
                    + "\",\"version\":\"1.0.0\",\"releaseState\":\"RELEASED\"}", bearer).statusCode()).isEqualTo(201);
            HttpResponse<String> synced = call("POST", api + "/api/v1/packages/" + packageId + "/subscribers/sync", "",
                    bearer);
            assertThat(synced.statusCode()).as(synced.body()).isEqualTo(200);
            salesforceTokens(salesforce).forEach(t -> secrets.put("Salesforce access token", t));

            // then the actuator pages hold none of them: not served at all…
            assertThat(call("GET", management + "/actuator/env", null, Map.of()).statusCode()).isIn(401, 403);
            assertThat(call("GET", management + "/actuator/configprops", null, Map.of()).statusCode()).isIn(401, 403);
            SecretScanner scanner = SecretScanner.of(secrets);
            scanner.assertNoneIn("/actuator/info", call("GET", management + "/actuator/info", null, Map.of()).body());
            // …and masked where they would be shown
            String env = JSON.writeValueAsString(planner.getBean(EnvironmentEndpoint.class).environment(null));
            String configprops = JSON.writeValueAsString(
                    planner.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
            assertThat(env).contains("UPSHIFT_DB_PASSWORD").contains("spring.kafka.properties.sasl.jaas.config");
            assertThat(configprops).contains("clientSecret").contains("bootstrapAdminKey");
            scanner.assertNoneIn("/actuator/env", env);
            scanner.assertNoneIn("/actuator/configprops", configprops);
        }

        // and nothing the JVM printed — start, calls, sync, shutdown — holds any of them
        assertThat(output.getAll()).contains("Logged in to Salesforce").contains("sasl.jaas.config = [hidden]")
                .contains("API authentication: JWTs from the configured issuer, stored API keys, the bootstrap admin key")
                .doesNotContain("Using generated security password");
        SecretScanner.of(secrets).assertNoneIn("captured output", output.getAll());
    }

    private static ConfigurableApplicationContext boot(Path secretsDir, String kafkaPassword, SalesforceStub salesforce) {
        DevStack stack = DevStack.shared();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("UPSHIFT_SECRETS_DIR", secretsDir.toAbsolutePath() + "/");
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("upshift.instance-id", "planner-secrets-it");
        properties.put("spring.datasource.url", stack.jdbcUrl("planner_secrets"));
        properties.put("spring.datasource.username", stack.databaseUser());
        properties.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        properties.put("upshift.kafka.schema-registry-url", stack.schemaRegistryUrl());
        // SASL settings as a deployment gives them; the devstack broker is PLAINTEXT, so they are read but not used
        properties.put("spring.kafka.properties.sasl.mechanism", "PLAIN");
        properties.put("spring.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"upshift\" password=\""
                        + kafkaPassword + "\";");
        properties.put("upshift.planner.salesforce.enabled", true);
        properties.put("upshift.planner.salesforce.login.url", salesforce.baseUrl());
        properties.put("upshift.planner.salesforce.login.client-id", SalesforceStub.CLIENT_ID);
        properties.put("upshift.planner.salesforce.login.client-secret", SalesforceStub.CLIENT_SECRET);
        TestIssuer.shared().springProperties().forEach(properties::put);
        // a careless deployment: every value shown on pages anyone exposed
        properties.put("management.endpoints.web.exposure.include", "health,info,prometheus,env,configprops");
        properties.put("management.endpoint.env.show-values", "always");
        properties.put("management.endpoint.configprops.show-values", "always");
        // more to scan: what the security, web and connection-pool code says at DEBUG
        properties.put("logging.level.org.springframework.security", "DEBUG");
        properties.put("logging.level.org.springframework.web", "DEBUG");
        properties.put("logging.level.com.zaxxer.hikari", "DEBUG");
        properties.put("logging.level.io.upshift", "DEBUG");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(PlannerApplication.class).run(args);
    }

    /** The access tokens the stub issued to the planner: secrets too. */
    private static List<String> salesforceTokens(SalesforceStub salesforce) {
        List<String> tokens = new ArrayList<>();
        for (ServeEvent event : salesforce.server().getAllServeEvents()) {
            if (event.getRequest().getUrl().startsWith("/services/oauth2/token") && event.getResponse().getStatus() == 200) {
                JsonNode answer = JSON.readTree(event.getResponse().getBodyAsString());
                tokens.add(answer.get("access_token").asText());
            }
        }
        assertThat(tokens).isNotEmpty();
        return tokens;
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
