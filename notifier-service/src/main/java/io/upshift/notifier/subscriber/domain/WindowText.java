package io.upshift.notifier.subscriber.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * An upgrade window as people read it: in the org's own time zone and language, and in UTC for
 * anyone comparing notes across zones.
 *
 * @param local e.g. "Tuesday, May 12, 2026, 10:00 PM – 2:00 AM"
 * @param zone e.g. "Central European Summer Time (Europe/Berlin)"
 * @param utc e.g. "2026-05-12 20:00 – 2026-05-13 00:00 UTC"
 */
public record WindowText(String local, String zone, String utc) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static WindowText of(Instant start, Instant end, ZoneId zone, Locale locale) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        String local = date.format(from) + ", " + time.format(from) + " – "
                + (from.toLocalDate().equals(to.toLocalDate()) ? "" : date.format(to) + ", ") + time.format(to);
        // "zzzz" names the zone as it is at the start of the window (summer or winter time).
        String zoneText = DateTimeFormatter.ofPattern("zzzz", locale).format(from) + " (" + zone.getId() + ")";
        String utc = UTC.format(start.atOffset(ZoneOffset.UTC)) + " – " + UTC.format(end.atOffset(ZoneOffset.UTC))
                + " UTC";
        return new WindowText(local, zoneText, utc);
    }

    /**
     * A moment written as a window's start is (full date, short time, the zone's name as it is then),
     * e.g. "Saturday, May 9, 2026, 6:00 AM Eastern Daylight Time": a campaign's deadline beside its window.
     */
    public static String fullMoment(Instant at, ZoneId zone, Locale locale) {
        ZonedDateTime when = at.atZone(zone);
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(when) + ", "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(when) + " "
                + DateTimeFormatter.ofPattern("zzzz", locale).format(when);
    }

    /** A single moment, e.g. when an upgrade finished, in the org's zone. */
    public static String moment(Instant at, ZoneId zone, Locale locale) {
        ZonedDateTime when = at.atZone(zone);
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(when) + ", "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(when) + " "
                + DateTimeFormatter.ofPattern("zzz", locale).format(when);
    }

    public static String utc(Instant at) {
        return UTC.format(at.atOffset(ZoneOffset.UTC)) + " UTC";
    }
}
