package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushForecastTest {

    private static final Duration CAMPAIGN_EXPECTS = Duration.ofMinutes(10);
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-12-05T22:00:00Z"),
            Instant.parse("2026-12-06T02:00:00Z"));

    @Test
    void anOrgsLastPushIsItsForecast() {
        PushForecast forecast = PushForecast.of(Duration.ofMinutes(42), CAMPAIGN_EXPECTS);

        assertThat(forecast.expected()).isEqualTo(Duration.ofMinutes(42));
        assertThat(forecast.releaseBy(WINDOW)).isEqualTo(Instant.parse("2026-12-06T01:18:00Z"));
    }

    @Test
    void anOrgNeverPushedTakesTheCampaignsExpectation() {
        assertThat(PushForecast.of(null, CAMPAIGN_EXPECTS).expected()).isEqualTo(CAMPAIGN_EXPECTS);
        // a clock that ran backwards on the recorded push says nothing about the org
        assertThat(PushForecast.of(Duration.ofSeconds(-3), CAMPAIGN_EXPECTS).expected()).isEqualTo(CAMPAIGN_EXPECTS);
    }

    @Test
    void longerPushesMustStartEarlierInTheSameWindow() {
        Instant slow = PushForecast.of(Duration.ofMinutes(40), CAMPAIGN_EXPECTS).releaseBy(WINDOW);
        Instant quick = PushForecast.of(Duration.ofMinutes(5), CAMPAIGN_EXPECTS).releaseBy(WINDOW);

        assertThat(slow).isBefore(quick);
    }

    @Test
    void keepsWholeMillisecondsAsTheDatabaseDoes() {
        assertThat(PushForecast.of(Duration.ofNanos(1_234_567_890), CAMPAIGN_EXPECTS).expected())
                .isEqualTo(Duration.ofMillis(1_234));
    }

    @Test
    void refusesANegativeExpectation() {
        assertThatThrownBy(() -> new PushForecast(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
