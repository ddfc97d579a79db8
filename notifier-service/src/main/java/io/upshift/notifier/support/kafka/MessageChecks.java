package io.upshift.notifier.support.kafka;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.schemas.OrgIds;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * Checks shared by the notifier's consumers. A record that fails one is dead-lettered at once
 * ({@link InvalidMessageException}): reading it again cannot make it valid.
 */
public final class MessageChecks {

    /** Longer free text than this is cut: it only ever ends up in an email or a CSV cell. */
    public static final int MAX_TEXT = 500;

    private MessageChecks() {
    }

    public static String orgId(String raw) {
        return OrgIds.normalize(raw).orElseThrow(() -> new InvalidMessageException(
                "orgId " + printable(raw) + " is not a 15- or 18-character Salesforce org id"));
    }

    public static ZoneId zone(String raw) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidMessageException("timeZone " + printable(raw) + " is not an IANA time zone");
        }
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field + " is missing");
        }
        return text(value);
    }

    /** Optional free text, cut to a sane length; blank becomes null. */
    public static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() <= MAX_TEXT ? stripped : stripped.substring(0, MAX_TEXT);
    }

    /** A well-formed BCP 47 tag, or null (the templates then fall back to English). */
    public static String languageTag(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value.strip().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    /** A value as it may appear in a log line or an error: control characters escaped, length capped. */
    public static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(100).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.length() > 100 ? "…\"" : "\"").toString();
    }
}
