package io.upshift.executor.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60));

    @Test
    void delaysDoubleAfterEachAttemptUpToTheMaximum() {
        assertThat(policy.delayAfter(1, 0.999_999)).isBetween(Duration.ofMillis(9_999), Duration.ofSeconds(10));
        assertThat(policy.delayAfter(2, 0.999_999)).isBetween(Duration.ofMillis(19_999), Duration.ofSeconds(20));
        assertThat(policy.delayAfter(3, 0.999_999)).isBetween(Duration.ofMillis(39_999), Duration.ofSeconds(40));
        assertThat(policy.delayAfter(4, 0.999_999)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
        assertThat(policy.delayAfter(9, 0.999_999)).isBetween(Duration.ofMillis(59_999), Duration.ofSeconds(60));
    }

    @Test
    void jitterSpreadsEachDelayBetweenHalfAndAllOfIt() {
        assertThat(policy.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(2, 0.5)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void countsTheFirstAttemptAmongTheMaximum() {
        assertThat(policy.allowsAnotherAttempt(5)).isTrue();
        assertThat(policy.allowsAnotherAttempt(6)).isFalse();
    }

    @Test
    void leavesTheDecisionToTheWindowWhenNoCountIsSet() {
        RetryPolicy windowOnly = new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofMinutes(1));

        assertThat(windowOnly.allowsAnotherAttempt(1_000)).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, 2, Duration.ZERO)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMinutes(2), 2, Duration.ofMinutes(1)))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, 0.5, Duration.ZERO)).hasMessageContaining("multiplier");
    }
}
