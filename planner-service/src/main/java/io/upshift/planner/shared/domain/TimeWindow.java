package io.upshift.planner.shared.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval of instants, {@code [start, end)}: an org's planned window, a blackout. */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a window cannot end (" + end + ") before it starts (" + start + ")");
        }
    }

    /**
     * The instant rounded up to a whole millisecond: messages carry milliseconds, so every planned
     * instant is one, and rounding up never moves a window before what it must not precede.
     */
    public static Instant ceilMillis(Instant instant) {
        Instant down = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return down.equals(instant) ? down : down.plusMillis(1);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean overlaps(TimeWindow other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
