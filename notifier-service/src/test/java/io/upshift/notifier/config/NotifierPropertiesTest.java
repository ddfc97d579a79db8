package io.upshift.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Settings that cannot work stop the start-up with a message that names them. */
class NotifierPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotifierProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void theDefaultsWorkLocally() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            NotifierProperties properties = context.getBean(NotifierProperties.class);
            assertThat(properties.from()).isEqualTo("upgrades@upshift.local");
            assertThat(properties.reminderBefore()).hasHours(24);
            assertThat(properties.delivery().ratePerSecond()).isEqualTo(50);
            assertThat(properties.delivery().senders()).isEqualTo(4);
            // four loops share 50 per second: each claims its share of a second's worth
            assertThat(properties.delivery().effectiveBatchSize()).isEqualTo(12);
            assertThat(properties.publisherRecipients()).containsExactly("release-team@upshift.local");
        });
    }

    @Test
    void refusesASenderThatIsNotAnAddressOrANameWithALineBreak() {
        assertRefused("upshift.notifier.from=not an address", "from");
        assertRefused("upshift.notifier.from-name=Upshift\r\nBcc: x@y.example", "fromName");
    }

    @Test
    void refusesNonsenseDurations() {
        assertRefused("upshift.notifier.reminder-before=0s", "reminder-before must be positive");
        assertRefused("upshift.notifier.delivery.lease=1s", "lease must be at least 10s");
        assertRefused("upshift.notifier.delivery.rate-per-second=-1", "ratePerSecond");
    }

    @Test
    void refusesNoSenderLoopOrMoreThanThirtyTwo() {
        assertRefused("upshift.notifier.delivery.senders=0", "senders");
        assertRefused("upshift.notifier.delivery.senders=33", "senders");
    }

    @Test
    void theLoopsTogetherClaimAtMostASecondsWorthOfTheRate() {
        runner.withPropertyValues("upshift.notifier.delivery.rate-per-second=100",
                "upshift.notifier.delivery.senders=4").run(context ->
                assertThat(context.getBean(NotifierProperties.class).delivery().effectiveBatchSize()).isEqualTo(25));
        runner.withPropertyValues("upshift.notifier.delivery.rate-per-second=2000",
                "upshift.notifier.delivery.batch-size=200", "upshift.notifier.delivery.senders=4").run(context ->
                assertThat(context.getBean(NotifierProperties.class).delivery().effectiveBatchSize()).isEqualTo(200));
        runner.withPropertyValues("upshift.notifier.delivery.rate-per-second=0",
                "upshift.notifier.delivery.senders=8").run(context ->
                assertThat(context.getBean(NotifierProperties.class).delivery().effectiveBatchSize()).isEqualTo(50));
    }

    @Test
    void aLowRateLimitMakesSmallBatches() {
        runner.withPropertyValues("upshift.notifier.delivery.rate-per-second=0.5").run(context ->
                assertThat(context.getBean(NotifierProperties.class).delivery().effectiveBatchSize()).isEqualTo(1));
    }

    @Test
    void aWebhookNeedsAnHttpUrlAndASecretAndKnownEventsAndTheFailureNamesTheProperty() {
        assertRefused(new String[] {"upshift.notifier.webhooks[0].url=https://hooks.example/a"},
                "upshift.notifier.webhooks[0].secret is missing");
        assertRefused(new String[] {"upshift.notifier.webhooks[0].url=ftp://hooks.example/a",
            "upshift.notifier.webhooks[0].secret=s"}, "upshift.notifier.webhooks[0].url must be an absolute http");
        assertRefused(new String[] {"upshift.notifier.webhooks[0].url=hooks.example/a",
            "upshift.notifier.webhooks[0].secret=s"}, "upshift.notifier.webhooks[0].url must be an absolute http");
        assertRefused(new String[] {"upshift.notifier.webhooks[0].url=https://hooks.example/a b",
            "upshift.notifier.webhooks[0].secret=s"}, "upshift.notifier.webhooks[0].url is not a URL");
        assertRefused(new String[] {"upshift.notifier.webhooks[0].url=https://hooks.example/a",
            "upshift.notifier.webhooks[0].secret=s", "upshift.notifier.webhooks[0].events=HALTED,WAVE_FINISHED"},
                "upshift.notifier.webhooks[0].events: unknown event 'WAVE_FINISHED'");
        assertRefused(new String[] {"upshift.notifier.console-url=not a url"}, "upshift.notifier.console-url");
        assertRefused(new String[] {"upshift.notifier.approver-recipients=not an address"}, "approverRecipients");
    }

    @Test
    void aWebhookGetsEveryEventAndItsIndexAsNameByDefault() {
        runner.withPropertyValues("upshift.notifier.webhooks[0].url=https://hooks.example/a",
                "upshift.notifier.webhooks[0].secret=s", "upshift.notifier.console-url=https://upshift.example/",
                "upshift.notifier.webhooks[1].url=http://localhost:9000/h", "upshift.notifier.webhooks[1].secret=t",
                "upshift.notifier.webhooks[1].name=ops", "upshift.notifier.webhooks[1].events=halted,wave-passed")
                .run(context -> {
                    NotifierProperties properties = context.getBean(NotifierProperties.class);
                    assertThat(properties.consoleUrl()).isEqualTo("https://upshift.example");
                    assertThat(properties.webhooks().get(0).name()).isEqualTo("0");
                    assertThat(properties.webhooks().get(0).events()).isEqualTo(NotifierProperties.WEBHOOK_EVENTS);
                    assertThat(properties.webhooks().get(1).events()).containsExactly("HALTED", "WAVE_PASSED");
                });
    }

    @Test
    void aWebhookSecretComesFromTheEnvironmentOrFromAFileInTheSecretsDirectory(@TempDir Path secrets)
            throws IOException {
        Map<String, Object> env = Map.of("UPSHIFT_NOTIFIER_WEBHOOKS_0_URL", "https://hooks.example/a",
                "UPSHIFT_NOTIFIER_WEBHOOKS_0_SECRET", "from-env");
        assertThat(bind(new SystemEnvironmentPropertySource("systemEnvironment", env)).webhooks().get(0).secret())
                .isEqualTo("from-env");

        // a Kubernetes secret key allows no brackets: the dotted index binds as well
        Files.writeString(secrets.resolve("upshift.notifier.webhooks.0.secret"), "from-file");
        Files.writeString(secrets.resolve("upshift.notifier.webhooks.0.url"), "https://hooks.example/b");
        assertThat(bind(new ConfigTreePropertySource("secrets", secrets, ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE))
                .webhooks().get(0).secret()).isEqualTo("from-file");
    }

    private static NotifierProperties bind(PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("upshift.notifier", NotifierProperties.class);
    }

    private void assertRefused(String[] settings, String message) {
        runner.withPropertyValues(settings).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining(message));
    }

    /** Starting with {@code setting} fails, and the failure names what is wrong. */
    private void assertRefused(String setting, String message) {
        runner.withPropertyValues(setting).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining(message));
    }
}
