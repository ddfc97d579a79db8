package io.upshift.planner.planning.domain;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds an org's next upgrade window: the first stretch of its maintenance window that starts no
 * earlier than a given instant, avoids every blackout, and is long enough to be useful. Adjacent
 * occurrences (e.g. every day 00:00–00:00) merge into one stretch, so an always-open org gets one
 * window of {@link #MAX_WINDOW} instead of a sliver until midnight. An org's window is read in its
 * own time zone, which the inventory keeps beside the window.
 */
public final class WindowPlanner {

    /** The longest window a notice promises, unless configured otherwise. */
    public static final Duration MAX_WINDOW = Duration.ofHours(24);
    /** A cut-down stretch shorter than this (or than the whole occurrence, if that is shorter) is skipped. */
    public static final Duration MIN_USABLE = Duration.ofMinutes(30);
    /** How far ahead a window is looked for before the org is excluded. */
    public static final int HORIZON_DAYS = 400;

    private final List<TimeWindow> blackouts;
    private final Duration minUsable;
    private final Duration maxWindow;

    public WindowPlanner(List<TimeWindow> blackouts) {
        this(blackouts, MIN_USABLE, MAX_WINDOW);
    }

    /**
     * @param minUsable a stretch cut short by a blackout or by the start shorter than this is skipped
     * @param maxWindow the longest window planned
     */
    public WindowPlanner(List<TimeWindow> blackouts, Duration minUsable, Duration maxWindow) {
        if (minUsable.isNegative() || !maxWindow.isPositive()) {
            throw new IllegalArgumentException("windows need a positive maximum and a minimum of at least 0");
        }
        List<TimeWindow> sorted = new ArrayList<>(blackouts);
        sorted.sort(Comparator.comparing(TimeWindow::start));
        this.blackouts = List.copyOf(sorted);
        this.minUsable = minUsable;
        this.maxWindow = maxWindow;
    }

    /**
     * The zone an org's window is read in: its own, or UTC when the inventory does not know it.
     *
     * @throws java.time.DateTimeException when the stored time zone is not an IANA zone
     */
    public static ZoneId zoneOf(String timeZone) {
        return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    }

    /** The shortest cut-down stretch planned (see {@link #MIN_USABLE}). */
    public Duration minimumUsable() {
        return minUsable;
    }

    /**
     * The first usable window of {@code window} read in {@code zone} starting at or after
     * {@code earliest}, or empty within the horizon.
     */
    public Optional<TimeWindow> firstWindow(ZoneId zone, MaintenanceWindow window, Instant earliest) {
        return firstWindow(zone, window, earliest, null);
    }

    /**
     * The first usable window that also ends by {@code notAfter} (a campaign's deadline; null for
     * none): a stretch is clipped to it, and one the clipping leaves too short is not usable — as with
     * a blackout, the clipped piece must reach the minimum (or the whole occurrence, if shorter). No
     * stretch opening at or after {@code notAfter} is looked at.
     */
    public Optional<TimeWindow> firstWindow(ZoneId zone, MaintenanceWindow window, Instant earliest,
            Instant notAfter) {
        Instant notBefore = TimeWindow.ceilMillis(earliest);
        LocalDate date = notBefore.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = date.plusDays(HORIZON_DAYS);
        Instant runStart = null;
        Instant runEnd = null;
        for (; !date.isAfter(last); date = date.plusDays(1)) {
            if (!window.opensOn(date.getDayOfWeek())) {
                continue;
            }
            TimeWindow occurrence = window.occurrence(date, zone);
            if (occurrence.length().isZero()) {
                continue;
            }
            if (runStart != null && !occurrence.start().isAfter(runEnd)
                    && runEnd.isBefore(later(runStart, notBefore).plus(maxWindow))) {
                runEnd = later(runEnd, occurrence.end());
                continue;
            }
            if (runStart != null) {
                Optional<TimeWindow> found = usablePiece(runStart, runEnd, notBefore, notAfter);
                if (found.isPresent()) {
                    return found;
                }
            }
            if (notAfter != null && !occurrence.start().isBefore(notAfter)) {
                return Optional.empty();
            }
            runStart = occurrence.start();
            runEnd = occurrence.end();
        }
        return runStart == null ? Optional.empty() : usablePiece(runStart, runEnd, notBefore, notAfter);
    }

    private Optional<TimeWindow> usablePiece(Instant runStart, Instant runEnd, Instant notBefore, Instant notAfter) {
        if (!runEnd.isAfter(notBefore)) {
            return Optional.empty();
        }
        Duration runLength = Duration.between(runStart, runEnd);
        Duration minimum = runLength.compareTo(minUsable) < 0 ? runLength : minUsable;
        Instant cursor = later(runStart, notBefore);
        for (TimeWindow blackout : blackouts) {
            if (!blackout.end().isAfter(cursor)) {
                continue;
            }
            if (!blackout.start().isBefore(runEnd)) {
                break;
            }
            if (blackout.start().isAfter(cursor)) {
                Optional<TimeWindow> piece = piece(cursor, blackout.start(), minimum, notAfter);
                if (piece.isPresent()) {
                    return piece;
                }
            }
            cursor = later(cursor, blackout.end());
            if (!cursor.isBefore(runEnd)) {
                return Optional.empty();
            }
        }
        return piece(cursor, runEnd, minimum, notAfter);
    }

    private Optional<TimeWindow> piece(Instant start, Instant to, Duration minimum, Instant notAfter) {
        Instant from = TimeWindow.ceilMillis(start);
        Instant capped = to.isAfter(from.plus(maxWindow)) ? from.plus(maxWindow) : to;
        if (notAfter != null && capped.isAfter(notAfter)) {
            // whole milliseconds down, so a clipped window never ends after the deadline
            capped = notAfter.truncatedTo(ChronoUnit.MILLIS);
        }
        Duration length = Duration.between(from, capped);
        if (length.isZero() || length.isNegative() || length.compareTo(minimum) < 0) {
            return Optional.empty();
        }
        return Optional.of(new TimeWindow(from, capped));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
