package io.upshift.notifier.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.DeliveryPolicy.Decision;
import io.upshift.notifier.email.domain.DeliveryPolicy.Failure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private final DeliveryPolicy policy = new DeliveryPolicy(4, Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    @Test
    void backsOffExponentiallyUpToTheMaximum() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retriesATemporaryRefusalAndGivesUpAfterTheLastAttempt() {
        assertThat(policy.afterFailure(0, Failure.TRANSIENT, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(5), 1));
        assertThat(policy.afterFailure(2, Failure.TRANSIENT, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(20), 3));
        assertThat(policy.afterFailure(3, Failure.TRANSIENT, NOW)).isEqualTo(new Decision.GiveUp(4));
    }

    @Test
    void givesUpAtOnceWhenTheRelayRefusesForGood() {
        assertThat(policy.afterFailure(0, Failure.PERMANENT, NOW)).isEqualTo(new Decision.GiveUp(1));
    }

    @Test
    void anUnreachableRelayCostsTheEmailNoAttempt() {
        assertThat(policy.afterFailure(3, Failure.RELAY_UNAVAILABLE, NOW)).isEqualTo(new Decision.RetryAt(NOW, 3));
    }

    @Test
    void pausesLongerTheLongerTheRelayIsDown() {
        assertThat(policy.relayPause(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.relayPause(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.relayPause(100)).isEqualTo(Duration.ofSeconds(30));
    }
}
