package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineFitTest {

    private static final Instant START = Instant.parse("2026-03-07T02:00:00Z");
    private static final Instant DEADLINE = START.plus(Duration.ofHours(6));

    @Test
    void saysWhatInFlightAndRateAHotfixInOneWindowNeeds() {
        // 2,400 orgs in a 6-hour window at a 20-minute push: 2,400 × 20 min ÷ 360 min = 133.3 → 134 in flight
        DeadlineFit fit = DeadlineFit.of(DEADLINE, 2400, START, DEADLINE.plus(Duration.ofHours(2)), 0,
                Duration.ofMinutes(20), 100, Duration.ZERO, Duration.ZERO);

        assertThat(fit.neededMaxInFlight()).isEqualTo(134);
        // 2,400 ÷ 360 minutes = 6.7 → 7 a minute
        assertThat(fit.neededMaxCommandsPerMinute()).isEqualTo(7);
        assertThat(fit.fits()).isFalse();
        assertThat(fit.slack()).isEqualTo(Duration.ofHours(-2));
        assertThat(fit.statement()).startsWith("2,400 orgs in 6 h at a 20-minute push need ≥ 134 in flight; your cap is 100")
                .endsWith(": the campaign does not fit");
    }

    @Test
    void fitsWithTheSlackToSpare() {
        DeadlineFit fit = DeadlineFit.of(DEADLINE, 800, START, DEADLINE.minus(Duration.ofMinutes(130)), 0,
                Duration.ofMinutes(10), 50, Duration.ofMinutes(30), Duration.ofMinutes(30));

        assertThat(fit.fits()).isTrue();
        assertThat(fit.slack()).isEqualTo(Duration.ofMinutes(130));
        assertThat(fit.statement()).endsWith(": fits with 2 h 10 min to spare");
        assertThat(fit.soakShortened()).isFalse();
    }

    @Test
    void anOrgWithoutAWindowBeforeTheDeadlineMeansItDoesNotFit() {
        DeadlineFit fit = DeadlineFit.of(DEADLINE, 10, START, START.plus(Duration.ofMinutes(20)), 3,
                Duration.ofMinutes(10), 50, Duration.ZERO, Duration.ZERO);

        assertThat(fit.fits()).isFalse();
        assertThat(fit.statement()).contains("3 orgs have no window before the deadline")
                .endsWith("the campaign does not fit");
    }

    @Test
    void writesDurationsForPeople() {
        assertThat(DeadlineFit.human(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(DeadlineFit.human(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(DeadlineFit.human(Duration.ofDays(14))).isEqualTo("14 d");
        assertThat(DeadlineFit.human(Duration.ZERO)).isEqualTo("0");
    }
}
