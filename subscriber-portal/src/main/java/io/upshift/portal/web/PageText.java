package io.upshift.portal.web;

import io.upshift.portal.planner.PlannerViews;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The page's languages, and windows written in the org's language and time zone (and in UTC). */
final class PageText {

    static final Set<String> LANGUAGES = Set.of("en", "de", "fr", "es", "ja");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PageText() {
    }

    /** The org's language when the page has it, else English. */
    static Locale localeOf(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.ENGLISH;
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        return LANGUAGES.contains(locale.getLanguage()) ? locale : Locale.ENGLISH;
    }

    static ZoneId zoneOf(String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /** A window as the page shows it, and the value its form sends back ({@code startMillis-endMillis}). */
    record Window(String local, String utc, String value) {
    }

    static Window window(Instant start, Instant end, ZoneId zone, Locale locale) {
        // minutes are enough for real windows; compressed ones (the demo's seconds) need seconds to differ
        FormatStyle time = java.time.Duration.between(start, end).compareTo(java.time.Duration.ofMinutes(5)) < 0
                ? FormatStyle.MEDIUM : FormatStyle.SHORT;
        DateTimeFormatter from = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, time)
                .withLocale(locale).withZone(zone);
        boolean sameDay = start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
        DateTimeFormatter to = sameDay ? DateTimeFormatter.ofLocalizedTime(time).withLocale(locale)
                .withZone(zone) : from;
        DateTimeFormatter utc = time == FormatStyle.MEDIUM ? UTC_SECONDS : UTC;
        return new Window(from.format(start) + " – " + to.format(end), utc.format(start) + " – " + utc.format(end),
                start.toEpochMilli() + "-" + end.toEpochMilli());
    }

    static String zoneName(ZoneId zone, Locale locale) {
        return zone.getDisplayName(TextStyle.FULL, locale) + " (" + zone.getId() + ")";
    }

    /** A window as a form sends it back ({@code startMillis-endMillis}), or empty when it is not one. */
    static java.util.Optional<PlannerViews.Choice> parse(String value) {
        if (value == null || !value.matches("\\d{1,15}-\\d{1,15}")) {
            return java.util.Optional.empty();
        }
        String[] parts = value.split("-");
        Instant start = Instant.ofEpochMilli(Long.parseLong(parts[0]));
        Instant end = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        return end.isAfter(start) ? java.util.Optional.of(new PlannerViews.Choice(start, end))
                : java.util.Optional.empty();
    }

    static List<Window> choices(PlannerViews.View view, ZoneId zone, Locale locale) {
        return view.choices().stream().map(c -> window(c.start(), c.end(), zone, locale)).toList();
    }

    /** A release-notes link only when it is a plain web address. */
    static String safeLink(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
