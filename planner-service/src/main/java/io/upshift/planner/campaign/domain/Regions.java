package io.upshift.planner.campaign.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Selection by place: a time zone or a region of them ({@code Europe/*}), and a Salesforce instance
 * or a prefix of them ({@code EU*}). Patterns end in {@code *}; the rest is compared as is (zones) or
 * without case (instances, which Salesforce spells in capitals).
 */
public final class Regions {

    private Regions() {
    }

    /** An IANA zone, or an IANA region followed by {@code /*} (a region that has at least one zone). */
    public static boolean isZoneOrRegion(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.endsWith("/*")) {
            String prefix = value.substring(0, value.length() - 1);
            return prefix.length() > 1 && ZoneId.getAvailableZoneIds().stream().anyMatch(z -> z.startsWith(prefix));
        }
        try {
            ZoneId.of(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Whether a pattern ({@code Europe/*}, {@code EU*}) names a prefix rather than one value. */
    public static boolean isPrefix(String pattern) {
        return pattern.endsWith("*");
    }

    /** The SQL {@code LIKE} pattern of a selection pattern: a trailing * becomes %, _ and % are escaped. */
    public static String likePattern(String pattern, boolean ignoreCase) {
        String body = isPrefix(pattern) ? pattern.substring(0, pattern.length() - 1) : pattern;
        String escaped = body.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String like = isPrefix(pattern) ? escaped + "%" : escaped;
        return ignoreCase ? like.toUpperCase(Locale.ROOT) : like;
    }
}
