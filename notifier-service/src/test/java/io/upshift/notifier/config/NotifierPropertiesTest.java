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
        runner.withPropertyValues("upshift.notifier.from=not an address").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("from"));
        runner.withPropertyValues("upshift.notifier.from-name=Upshift\r\nBcc: x@y.example").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("fromName"));
    }

    @Test
    void refusesNonsenseDurationsAndUnknownSubjectKinds() {
        runner.withPropertyValues("upshift.notifier.reminder-before=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("reminder-before must be positive"));
        runner.withPropertyValues("upshift.notifier.delivery.lease=1s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("lease must be at least 10s"));
        runner.withPropertyValues("upshift.notifier.subjects.newsletter=Hi").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("unknown email kind"));
        runner.withPropertyValues("upshift.notifier.delivery.rate-per-second=-1").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("ratePerSecond"));
    }

    @Test
    void refusesNoSenderLoopOrMoreThanThirtyTwo() {
        runner.withPropertyValues("upshift.notifier.delivery.senders=0").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("senders"));
        runner.withPropertyValues("upshift.notifier.delivery.senders=33").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("senders"));
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
}
