package io.upshift.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

    /** Starting with {@code setting} fails, and the failure names what is wrong. */
    private void assertRefused(String setting, String message) {
        runner.withPropertyValues(setting).run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining(message));
    }
}
