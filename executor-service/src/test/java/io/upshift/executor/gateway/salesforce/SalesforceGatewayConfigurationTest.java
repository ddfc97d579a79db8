package io.upshift.executor.gateway.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.salesforce.stub.SalesforceStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** How the gateway is switched on, configured and validated, the way the executor application scans it. */
class SalesforceGatewayConfigurationTest {

    /** What ExecutorApplication does for this package: scan configuration properties and components. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("io.upshift.executor.gateway.salesforce")
    @Import(SalesforceGatewayConfiguration.class)
    static class Scanned {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Scanned.class);

    private SalesforceStub stub;

    @BeforeEach
    void startStub() {
        stub = new SalesforceStub();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void staysOffAndBindsNothingUnlessTheSalesforceGatewayIsChosen() {
        runner.withPropertyValues("upshift.executor.gateway=simulated").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(UpgradeGateway.class);
            assertThat(context).doesNotHaveBean(SalesforceGatewayProperties.class);
        });
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(UpgradeGateway.class));
    }

    @Test
    void upgradesThroughSalesforceWhenChosenWithClientCredentials() {
        String packageId = stub.addPackage("Invoicing", "inv");
        String version = stub.addVersion(packageId, "4.1.0");
        stub.addSubscriber(SalesforceStub.Subscriber.active(Pushes.org(1), packageId, version));

        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.url=" + stub.baseUrl(),
                "upshift.executor.salesforce.login.client-id=" + SalesforceStub.CLIENT_ID,
                "upshift.executor.salesforce.login.client-secret=" + SalesforceStub.CLIENT_SECRET,
                "upshift.executor.salesforce.push.linger=20ms").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(UpgradeGateway.class);
            UpgradeGateway gateway = context.getBean(UpgradeGateway.class);
            assertThat(gateway.installedVersion(Pushes.org(1), packageId).toCompletableFuture())
                    .succeedsWithin(Duration.ofSeconds(10)).isEqualTo(Optional.of("4.1.0"));
            SalesforceGatewayProperties properties = context.getBean(SalesforceGatewayProperties.class);
            assertThat(properties.push().batchSize()).isEqualTo(200);
            assertThat(properties.http().apiVersion()).isEqualTo("v62.0");
            assertThat(properties.toString()).doesNotContain(SalesforceStub.CLIENT_SECRET, SalesforceStub.CLIENT_ID);
        });
    }

    @Test
    void logsInWithAJwtSignedByAKeyFromAMountedFile(@TempDir Path secrets) throws Exception {
        Path key = secrets.resolve("salesforce.key");
        Files.writeString(key, stub.privateKeyPem());
        stub.addPackage("Invoicing", "inv");

        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.url=" + stub.baseUrl(),
                "upshift.executor.salesforce.login.flow=jwt-bearer",
                "upshift.executor.salesforce.login.client-id=" + SalesforceStub.CLIENT_ID,
                "upshift.executor.salesforce.login.username=" + SalesforceStub.USERNAME,
                "upshift.executor.salesforce.login.private-key-file=" + key).run(context -> {
            assertThat(context).hasNotFailed();
            io.upshift.salesforce.SalesforceClient client = context.getBean(io.upshift.salesforce.SalesforceClient.class);
            assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
            assertThat(stub.logins()).isEqualTo(1);
        });
    }

    @Test
    void refusesToStartWithoutCredentials() {
        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.url=https://acme.my.salesforce.com",
                "upshift.executor.salesforce.login.client-id=3MVG9key").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootMessage(context.getStartupFailure()))
                    .contains("the client-credentials flow needs login.client-secret");
        });
        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.flow=jwt-bearer",
                "upshift.executor.salesforce.login.client-id=3MVG9key").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootMessage(context.getStartupFailure()))
                    .contains("the jwt-bearer flow needs login.username and login.private-key");
        });
    }

    @Test
    void refusesABatchLargerThanSalesforceAccepts() {
        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.client-id=3MVG9key",
                "upshift.executor.salesforce.login.client-secret=secret",
                "upshift.executor.salesforce.push.batch-size=500").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootMessage(context.getStartupFailure())).contains("push.batchSize").contains("200");
        });
    }

    @Test
    void refusesRetrySweepAndBudgetSettingsThatCannotWork() {
        assertThat(startupFailure("push.schedule-timeout=2h", "push.orphans.min-age=1h"))
                .contains("push.orphans.min-age must be longer than push.schedule-timeout plus push.retry.cancel-for");
        assertThat(startupFailure("push.api-budget.share=1.5", "push.retry.initial-backoff=5m"))
                .contains("push.apiBudget.share")
                .contains("push.retry: initial-backoff must be positive and not longer than max-backoff");
    }

    /** Why the Salesforce gateway with client credentials and these settings (below the prefix) does not start. */
    private String startupFailure(String... settings) {
        String[] properties = new String[settings.length + 3];
        properties[0] = "upshift.executor.gateway=salesforce";
        properties[1] = "upshift.executor.salesforce.login.client-id=3MVG9key";
        properties[2] = "upshift.executor.salesforce.login.client-secret=secret";
        for (int i = 0; i < settings.length; i++) {
            properties[i + 3] = "upshift.executor.salesforce." + settings[i];
        }
        StringBuilder failure = new StringBuilder();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            failure.append(rootMessage(context.getStartupFailure()));
        });
        return failure.toString();
    }

    @Test
    void bindsTheRetrySweepAndBudgetDefaults() {
        runner.withPropertyValues("upshift.executor.gateway=salesforce",
                "upshift.executor.salesforce.login.url=" + stub.baseUrl(),
                "upshift.executor.salesforce.login.client-id=" + SalesforceStub.CLIENT_ID,
                "upshift.executor.salesforce.login.client-secret=" + SalesforceStub.CLIENT_SECRET).run(context -> {
            assertThat(context).hasNotFailed();
            SalesforceGatewayProperties.Push push = context.getBean(SalesforceGatewayProperties.class).push();
            assertThat(push.scheduleTimeout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(push.clockSkew()).isEqualTo(Duration.ofMinutes(2));
            assertThat(push.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(push.orphans().minAge()).isEqualTo(Duration.ofHours(1));
            assertThat(push.apiBudget().share()).isEqualTo(0.5);
        });
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
