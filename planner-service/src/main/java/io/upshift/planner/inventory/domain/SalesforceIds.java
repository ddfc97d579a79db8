package io.upshift.planner.inventory.domain;

import io.upshift.schemas.OrgIds;
import java.util.Locale;
import java.util.Optional;

/**
 * Salesforce record ids other than org ids (those are {@link OrgIds}): package ids (033…) and
 * package version ids (04t…), accepted in the 15- or 18-character form and kept as 18.
 */
public final class SalesforceIds {

    public static final String PACKAGE_PREFIX = "033";
    public static final String VERSION_PREFIX = "04t";

    private SalesforceIds() {
    }

    /** The 18-character form of {@code id}, a 15- or 18-character id starting with {@code prefix}. */
    public static String normalize(String id, String prefix, String what) {
        Optional<String> problem = problem(id, prefix, what);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String base = id.strip().substring(0, 15);
        return base + OrgIds.checksum(base);
    }

    /** Why {@code id} is not a valid id starting with {@code prefix}; empty when it is one. */
    public static Optional<String> problem(String id, String prefix, String what) {
        if (id == null || id.isBlank()) {
            return Optional.of(what + " is empty");
        }
        String trimmed = id.strip();
        if (trimmed.length() != 15 && trimmed.length() != 18) {
            return Optional.of(what + " must have 15 or 18 characters, got " + trimmed.length());
        }
        if (!trimmed.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return Optional.of(what + " may contain only letters and digits");
        }
        if (!trimmed.substring(0, 3).toLowerCase(Locale.ROOT).equals(prefix.toLowerCase(Locale.ROOT))) {
            return Optional.of(what + " starts with " + prefix + ", got " + trimmed.substring(0, 3));
        }
        if (trimmed.length() == 18 && !OrgIds.checksum(trimmed.substring(0, 15)).equalsIgnoreCase(trimmed.substring(15))) {
            return Optional.of(what + ": the last 3 characters are not the checksum of the first 15");
        }
        return Optional.empty();
    }

    /** The 18-character org id, or an IllegalArgumentException saying why {@code id} is not one. */
    public static String orgId(String id) {
        return OrgIds.normalize(id).orElseThrow(() -> new IllegalArgumentException(
                OrgIds.problem(id).orElse("not an org id") + ": '" + id + "'"));
    }
}
