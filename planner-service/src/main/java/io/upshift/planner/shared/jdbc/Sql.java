package io.upshift.planner.shared.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Small conversions between Java values and PostgreSQL parameters, the same everywhere. */
public final class Sql {

    private Sql() {
    }

    /** A timestamptz parameter. */
    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * An array parameter as PostgreSQL's array literal, to be cast in SQL ({@code = any(?::uuid[])}):
     * one statement for a whole batch, whatever its size, without driver-specific array objects.
     */
    public static String array(Collection<?> values) {
        StringBuilder literal = new StringBuilder(values.size() * 40 + 2).append('{');
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                literal.append(',');
            }
            first = false;
            if (value == null) {
                literal.append("NULL");
            } else if (value instanceof Number) {
                literal.append(value);
            } else {
                literal.append('"');
                String text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            }
        }
        return literal.append('}').toString();
    }

    /**
     * The days of an inventory window ({@code text[]} of MON..SUN or MONDAY..SUNDAY, any case), or
     * null when the column is null (no window known); unreadable entries are ignored.
     */
    public static Set<DayOfWeek> days(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : (String[]) array.getArray()) {
            if (day == null) {
                continue;
            }
            String d = day.strip().toUpperCase(Locale.ROOT);
            for (DayOfWeek candidate : DayOfWeek.values()) {
                if (candidate.name().equals(d) || (d.length() == 3 && candidate.name().startsWith(d))) {
                    days.add(candidate);
                }
            }
        }
        return days;
    }

    /** A {@code text[]} column as a list (empty for null). */
    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
