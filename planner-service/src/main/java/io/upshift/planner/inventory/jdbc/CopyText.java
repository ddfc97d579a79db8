package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.time.LocalTime;
import java.util.List;

/**
 * Formats a row for PostgreSQL's COPY text format (tab-separated, {@code \N} for null,
 * backslash escapes), in the column order of the import's staging table.
 */
final class CopyText {

    private CopyText() {
    }

    static void row(OrgRow row, StringBuilder out) {
        out.append(row.line()).append('\t');
        text(out, row.orgId()).append('\t');
        text(out, row.orgName()).append('\t');
        text(out, row.orgType() == null ? null : row.orgType().name()).append('\t');
        text(out, row.status() == null ? null : row.status().name()).append('\t');
        text(out, row.instance()).append('\t');
        text(out, row.timeZone()).append('\t');
        MaintenanceWindow window = row.window();
        if (window == null) {
            out.append("\\N\t\\N\t\\N\t");
        } else {
            array(out, window.dayNames()).append('\t');
            time(out, window.start()).append('\t');
            time(out, window.end()).append('\t');
        }
        text(out, row.locale()).append('\t');
        array(out, row.adminEmails()).append('\t');
        out.append(row.excluded() ? 't' : 'f').append('\t');
        text(out, row.excludedNote()).append('\t');
        PackageVersionNumber version = row.installedVersion();
        if (version == null) {
            out.append("\\N\t\\N\t\\N\t\\N\t\\N\t");
        } else {
            text(out, version.toString()).append('\t');
            out.append(version.major()).append('\t').append(version.minor()).append('\t')
                    .append(version.patch()).append('\t').append(version.build()).append('\t');
        }
        out.append(row.beta() == null ? "\\N" : row.beta() ? "t" : "f").append('\t');
        out.append(row.pushBlocked() == null ? "\\N" : row.pushBlocked() ? "t" : "f").append('\n');
    }

    static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    /** A text[] literal, every element quoted, then escaped for COPY. */
    static StringBuilder array(StringBuilder out, List<String> values) {
        StringBuilder literal = new StringBuilder(16 * (values.size() + 1)).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return text(out, literal.append('}').toString());
    }

    private static StringBuilder time(StringBuilder out, LocalTime time) {
        int hour = time.getHour();
        int minute = time.getMinute();
        int second = time.getSecond();
        return out.append(hour < 10 ? "0" : "").append(hour).append(minute < 10 ? ":0" : ":").append(minute)
                .append(second < 10 ? ":0" : ":").append(second);
    }
}
