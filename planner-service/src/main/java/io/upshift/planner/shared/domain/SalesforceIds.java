package io.upshift.planner.shared.domain;

import io.upshift.schemas.OrgIds;
import java.util.Locale;
import java.util.Optional;

/**
 * Salesforce record ids in the inventory: org ids (00D…), package ids (033…) and package version
 * ids (04t…), accepted in the 15-character (case-sensitive) or the 18-character (case-insensitive)
 * form and kept as the canonical 18. An 18-character id that has lost its case on the way (a
 * spreadsheet or a database that lower-cases text) gets it back from its suffix, which is what
 * the suffix exists for.
 */
public final class SalesforceIds {

    public static final String ORG_PREFIX = "00D";
    public static final String PACKAGE_PREFIX = "033";
    public static final String VERSION_PREFIX = "04t";

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceIds() {
    }

    /** The 18-character org id, or an IllegalArgumentException saying why {@code id} is not one. */
    public static String orgId(String id) {
        return normalize(id, ORG_PREFIX, "org id");
    }

    /** The 18-character form of {@code id}, a 15- or 18-character id starting with {@code prefix}. */
    public static String normalize(String id, String prefix, String what) {
        Optional<String> problem = problem(id, prefix, what);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get() + ": '" + id + "'");
        }
        String trimmed = id.strip();
        if (trimmed.length() == 18) {
            return restoreCase(trimmed).orElseThrow();
        }
        return trimmed + OrgIds.checksum(trimmed);
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
        if (trimmed.length() == 15) {
            // a 15-character id is case-sensitive: "00d…" is not an org id
            return trimmed.startsWith(prefix) ? Optional.empty()
                    : Optional.of(what + " starts with " + prefix + ", got " + trimmed.substring(0, 3));
        }
        Optional<String> restored = restoreCase(trimmed);
        if (restored.isEmpty()) {
            return Optional.of(what + ": the last 3 characters are not the checksum of the first 15");
        }
        if (!restored.get().startsWith(prefix)) {
            return Optional.of(what + " starts with " + prefix + ", got " + restored.get().substring(0, 3));
        }
        return Optional.empty();
    }

    /**
     * The 18-character id with the case of its first 15 characters as its suffix says, or empty
     * when the suffix does not fit them (a digit where it says "upper-case letter", or a bad suffix).
     */
    static Optional<String> restoreCase(String eighteen) {
        StringBuilder restored = new StringBuilder(18);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = SUFFIX_ALPHABET.indexOf(Character.toUpperCase(eighteen.charAt(15 + chunk)));
            if (bits < 0) {
                return Optional.empty();
            }
            for (int i = 0; i < 5; i++) {
                char c = eighteen.charAt(chunk * 5 + i);
                boolean upper = (bits & (1 << i)) != 0;
                if (Character.isLetter(c)) {
                    restored.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                } else if (upper) {
                    return Optional.empty();
                } else {
                    restored.append(c);
                }
            }
        }
        return Optional.of(restored + eighteen.substring(15).toUpperCase(Locale.ROOT));
    }
}
