package io.upshift.planner.inventory.domain;

import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When an org may be upgraded, in its own local time: the days the window opens on and its local
 * start and end. An end not after the start runs past midnight into the next day; start equal to
 * end is a 24-hour window, and every day with 00:00–00:00 means "always open". The window knows no
 * zone: the org's time zone is given to the methods that turn it into instants.
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    private static final Set<DayOfWeek> ALL_DAYS = EnumSet.allOf(DayOfWeek.class);

    /** What an org without a window gets, and every org when a campaign ignores maintenance windows. */
    public static final MaintenanceWindow ALWAYS_OPEN = new MaintenanceWindow(ALL_DAYS, LocalTime.MIDNIGHT,
            LocalTime.MIDNIGHT);

    public MaintenanceWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a maintenance window needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /**
     * The window an org row stores, its missing parts read the most open way, since the inventory may
     * know only an org's id: no days is every day, no start is midnight, no end is 24 hours after the
     * start. Empty when the row lists days but none the window opens on: the org is never open.
     */
    public static Optional<MaintenanceWindow> ofStored(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
        if (days != null && days.isEmpty()) {
            return Optional.empty();
        }
        LocalTime from = start == null ? LocalTime.MIDNIGHT : start;
        return Optional.of(new MaintenanceWindow(days == null ? ALL_DAYS : days, from, end == null ? from : end));
    }

    public boolean crossesMidnight() {
        return !end.isAfter(start) && !end.equals(LocalTime.MIDNIGHT);
    }

    public boolean isAlwaysOpen() {
        return days.size() == 7 && start.equals(end);
    }

    /** How long the window stays open once it opens (24 h when start equals end). */
    public Duration length() {
        Duration length = Duration.between(start, end);
        return length.isNegative() || length.isZero() ? length.plusDays(1) : length;
    }

    public boolean opensOn(DayOfWeek day) {
        return days.contains(day);
    }

    /** The occurrence that starts on {@code date} in {@code zone}, whether or not the window opens that day. */
    public TimeWindow occurrence(LocalDate date, ZoneId zone) {
        Instant from = ZonedDateTime.of(date, start, zone).toInstant();
        LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
        Instant to = ZonedDateTime.of(endDate, end, zone).toInstant();
        // a DST change can make a short window vanish; never return a window that ends before it starts
        return new TimeWindow(from, to.isBefore(from) ? from : to);
    }

    /** Whether the window is open at an instant in {@code zone}: the test of every planned window. */
    public boolean isOpenAt(Instant instant, ZoneId zone) {
        LocalDate local = instant.atZone(zone).toLocalDate();
        for (LocalDate date = local.minusDays(1); !date.isAfter(local); date = date.plusDays(1)) {
            if (opensOn(date.getDayOfWeek()) && occurrence(date, zone).contains(instant)) {
                return true;
            }
        }
        return false;
    }

    /** The days in ISO order as three-letter names, e.g. [MON, TUE]: how the store keeps them. */
    public List<String> dayNames() {
        return EnumSet.copyOf(days).stream().map(MaintenanceWindow::dayName).toList();
    }

    public static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    /**
     * Parses a list of days: names ({@code MON}, {@code Monday}), ranges ({@code MON-FRI}, also across
     * the week end as {@code FRI-MON}) and the words {@code ALL}, {@code WEEKDAYS}, {@code WEEKENDS},
     * separated by {@code ;}, {@code ,}, {@code |} or spaces.
     */
    public static Set<DayOfWeek> parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no days given");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && isListSeparator(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isListSeparator(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                addDays(text.substring(start, i), days);
            }
        }
        return days;
    }

    private static boolean isListSeparator(char c) {
        return c == ';' || c == ',' || c == '|' || Character.isWhitespace(c);
    }

    private static void addDays(String token, EnumSet<DayOfWeek> days) {
        String word = token.toUpperCase(Locale.ROOT);
        switch (word) {
            case "ALL", "DAILY", "*" -> days.addAll(ALL_DAYS);
            case "WEEKDAYS" -> days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
            case "WEEKENDS" -> days.addAll(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
            default -> {
                int dash = word.indexOf('-');
                if (dash > 0) {
                    DayOfWeek from = day(word.substring(0, dash), token);
                    DayOfWeek to = day(word.substring(dash + 1), token);
                    for (DayOfWeek day = from; ; day = day.plus(1)) {
                        days.add(day);
                        if (day == to) {
                            break;
                        }
                    }
                } else {
                    days.add(day(word, token));
                }
            }
        }
    }

    /** Parses a local time {@code HH:mm} (or {@code HH:mm:ss}); {@code 24:00} is midnight at the end of the day. */
    public static LocalTime parseTime(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equals("24:00") || trimmed.equals("24:00:00")) {
            return LocalTime.MIDNIGHT;
        }
        // H:mm, HH:mm or HH:mm:ss, read by hand: it runs twice per row of a million-org import
        int colon = trimmed.indexOf(':');
        int hour = colon == 1 || colon == 2 ? digits(trimmed, 0, colon) : -1;
        int minute = colon > 0 && trimmed.length() >= colon + 3 ? digits(trimmed, colon + 1, colon + 3) : -1;
        int second = 0;
        if (trimmed.length() == colon + 6 && trimmed.charAt(colon + 3) == ':') {
            second = digits(trimmed, colon + 4, colon + 6);
        } else if (trimmed.length() != colon + 3) {
            minute = -1;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day HH:mm");
        }
        return LocalTime.of(hour, minute, second);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static DayOfWeek day(String word, String token) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (word.equals(day.name()) || word.equals(dayName(day))) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown day '" + token + "', expected MON..SUN, a range like MON-FRI, "
                + "ALL, WEEKDAYS or WEEKENDS");
    }
}
