package io.upshift.portal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.common.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void allowsTheLimitPerKeyAndWindowThenRefusesUntilTheWindowEnds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allow("ip:10.0.0.1")).isTrue();
        }
        assertThat(limiter.allow("ip:10.0.0.1")).isFalse();
        assertThat(limiter.allow("ip:10.0.0.2")).as("another address has its own count").isTrue();

        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.allow("ip:10.0.0.1")).isTrue();
    }
}
