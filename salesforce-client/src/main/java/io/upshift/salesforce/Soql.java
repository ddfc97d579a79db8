package io.upshift.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds SOQL literals safely (values are quoted and escaped, never concatenated raw) and reads Salesforce datetimes. */
public final class Soql {

    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RECORD_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private Soql() {
    }

    /** A quoted string literal: {@code 'O\'Brien'}. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** A datetime literal (unquoted, UTC, milliseconds): {@code 2025-03-01T10:00:00.000Z}. */
    public static String datetime(Instant instant) {
        return DATETIME.format(instant);
    }

    /**
     * A datetime as Salesforce writes it in records ({@code 2025-03-01T10:00:00.000+0000}) or as
     * ISO-8601 ({@code …Z}, {@code …+00:00}); empty when it is neither.
     */
    public static Optional<Instant> parseDatetime(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter format : List.of(RECORD_DATETIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
            try {
                return Optional.of(OffsetDateTime.parse(text, format).toInstant());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** A parenthesised list of quoted literals for {@code IN}: {@code ('a','b')}. */
    public static String inList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        return values.stream().map(Soql::quote).collect(Collectors.joining(",", "(", ")"));
    }
}
