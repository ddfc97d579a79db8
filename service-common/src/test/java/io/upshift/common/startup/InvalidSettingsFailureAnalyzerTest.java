package io.upshift.common.startup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

class InvalidSettingsFailureAnalyzerTest {

    @Validated
    @ConfigurationProperties("upshift.example.salesforce")
    record ExampleProperties(@Valid @NotNull Login login, @NotNull Duration pollInterval) {

        record Login(@NotBlank String clientId, String clientSecret, String flow) {

            @AssertTrue(message = "the client-credentials flow needs login.client-secret")
            public boolean isClientSecretGiven() {
                return !"client-credentials".equals(flow) || clientSecret != null;
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ExampleProperties.class)
    static class ExampleConfiguration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(ExampleConfiguration.class);

    @Test
    void namesEachMissingSettingAsAPropertyAndAsAnEnvironmentVariable() {
        runner.withPropertyValues("upshift.example.salesforce.login.flow=client-credentials",
                "upshift.example.salesforce.poll-interval=5s").run(context -> {
            FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("'upshift.example.salesforce.login.client-id' (UPSHIFT_EXAMPLE_SALESFORCE_LOGIN_CLIENTID)")
                    .contains("the client-credentials flow needs login.client-secret")
                    .contains("(UPSHIFT_EXAMPLE_SALESFORCE_LOGIN)");
        });
    }

    @Test
    void namesAWrongValueWithoutPrintingIt() {
        runner.withPropertyValues("upshift.example.salesforce.login.client-id=app",
                "upshift.example.salesforce.login.client-secret=s3cr3t-value",
                "upshift.example.salesforce.poll-interval=every-now-and-then").run(context -> {
            FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("'upshift.example.salesforce.poll-interval' (UPSHIFT_EXAMPLE_SALESFORCE_POLLINTERVAL)")
                    .doesNotContain("s3cr3t-value");
        });
    }

    @Test
    void leavesOtherFailuresToTheOtherAnalyzers() {
        assertThat(new InvalidSettingsFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
    }
}
