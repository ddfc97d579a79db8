package io.upshift.planner.planning.domain;

import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How long an org's push is expected to take, and from it the latest instant the push can start
 * and still end inside the org's window. The dispatcher releases the orgs with the least slack
 * first: in one shared window that is the longest pushes first, so no long push is left to start
 * last and set the campaign's end; in per-org windows an org that needs 40 minutes of a one-hour
 * window goes before one that needs 5.
 *
 * <p>The org's own last successful push of the package is the guess: a push's time is mostly the
 * org's own (its data and metadata). An org never pushed takes the campaign's expectedUpgradeDuration.
 */
public record PushForecast(Duration expected) {

    public PushForecast {
        Objects.requireNonNull(expected, "expected");
        if (expected.isNegative()) {
            throw new IllegalArgumentException("a push cannot be expected to take " + expected);
        }
        // whole milliseconds, as stored: the database recomputes release_by when a window moves
        expected = expected.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param lastPush the org's last successful push of the package, or null when it has none
     * @param campaignExpectation the campaign's expectedUpgradeDuration
     */
    public static PushForecast of(Duration lastPush, Duration campaignExpectation) {
        return new PushForecast(lastPush != null && !lastPush.isNegative() ? lastPush : campaignExpectation);
    }

    /** The latest instant the push can start and still end inside {@code window}. */
    public Instant releaseBy(TimeWindow window) {
        return window.end().minus(expected);
    }
}
