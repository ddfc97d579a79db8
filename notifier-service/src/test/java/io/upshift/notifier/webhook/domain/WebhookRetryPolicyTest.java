package io.upshift.notifier.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.webhook.domain.WebhookRetryPolicy.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-05-08T10:00:00Z");
    private final WebhookRetryPolicy policy = new WebhookRetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 5);

    @Test
    void anyTwoHundredIsDelivered() {
        assertThat(policy.decide(200, 1, NOW)).isInstanceOf(Decision.Delivered.class);
        assertThat(policy.decide(204, 3, NOW)).isInstanceOf(Decision.Delivered.class);
    }

    @Test
    void serverErrorsTimeoutsAndTooManyRequestsAreRetriedWithADoublingCappedBackoff() {
        assertThat(policy.decide(500, 1, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(10)));
        assertThat(policy.decide(503, 2, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(20)));
        assertThat(policy.decide(null, 3, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(40)));
        assertThat(policy.decide(429, 4, NOW)).isEqualTo(new Decision.RetryAt(NOW.plusSeconds(60)));
        assertThat(policy.decide(408, 1, NOW)).isInstanceOf(Decision.RetryAt.class);
    }

    @Test
    void otherClientErrorsAndRedirectsGiveUpAtOnce() {
        assertThat(policy.decide(410, 1, NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(policy.decide(400, 1, NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(policy.decide(401, 1, NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(policy.decide(404, 1, NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(policy.decide(301, 1, NOW)).isInstanceOf(Decision.GiveUp.class);
    }

    @Test
    void theLastAllowedTryGivesUpEvenOnAnErrorWorthRetrying() {
        assertThat(policy.decide(500, 5, NOW)).isInstanceOf(Decision.GiveUp.class);
        assertThat(policy.decide(null, 5, NOW)).isInstanceOf(Decision.GiveUp.class);
    }

    @Test
    void theBackoffNeverOverflowsOnManyTries() {
        WebhookRetryPolicy many = new WebhookRetryPolicy(Duration.ofSeconds(1), Duration.ofHours(1), 100);
        assertThat(many.backoff(99)).isEqualTo(Duration.ofHours(1));
    }
}
