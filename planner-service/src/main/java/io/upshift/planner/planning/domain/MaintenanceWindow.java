package io.upshift.planner.planning.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When an org may be upgraded, in its own time zone: on the given days, from {@code start} to
 * {@code end} local time. An end not after the start runs past midnight into the next day; equal
 * start and end mean 24 hours, so all days with 00:00–00:00 is "always open".
 *
 * @param days the days an occurrence may start on; empty means never
 */
public record MaintenanceWindow(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** What an org without a window gets, and every org when a campaign ignores maintenance windows. */
    public static final MaintenanceWindow ALWAYS_OPEN = new MaintenanceWindow(ZoneOffset.UTC,
            EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public MaintenanceWindow {
        Objects.requireNonNull(zone, "zone");
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * The window of an org as the inventory stores it; missing parts fall back to the most open
     * reading (UTC, every day, all day), since the inventory may know only an org's id.
     */
    public static MaintenanceWindow of(String zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        ZoneId zoneId = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        return new MaintenanceWindow(zoneId, days == null ? EnumSet.allOf(DayOfWeek.class) : days,
                start == null ? LocalTime.MIDNIGHT : start, end == null ? (start == null ? LocalTime.MIDNIGHT : start) : end);
    }

    public Duration length() {
        long seconds = Duration.between(start, end).getSeconds();
        return Duration.ofSeconds(seconds <= 0 ? seconds + 24 * 3600 : seconds);
    }

    public boolean opensOn(DayOfWeek day) {
        return days.contains(day);
    }

    /** The occurrence that starts on {@code date} (local), whether or not the window opens that day. */
    public TimeWindow occurrence(LocalDate date) {
        Instant from = ZonedDateTime.of(date, start, zone).toInstant();
        LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
        Instant to = ZonedDateTime.of(endDate, end, zone).toInstant();
        // a DST change can make a short window vanish; never return a window that ends before it starts
        return new TimeWindow(from, to.isBefore(from) ? from : to);
    }

    /** Whether the window is open at an instant: the test of every planned window. */
    public boolean isOpenAt(Instant instant) {
        LocalDate local = instant.atZone(zone).toLocalDate();
        for (LocalDate date = local.minusDays(1); !date.isAfter(local); date = date.plusDays(1)) {
            if (opensOn(date.getDayOfWeek()) && occurrence(date).contains(instant)) {
                return true;
            }
        }
        return false;
    }
}
