package io.upshift.schemas;

import java.util.Optional;

/**
 * Salesforce org ids as the contract carries them: always the 18-character, case-insensitive
 * form. A 15-character id is extended with its 3-character checksum (Salesforce's documented
 * algorithm: for each 5-character chunk, a bit per upper-case letter, mapped to A–Z0–5).
 */
public final class OrgIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private OrgIds() {
    }

    /** The 18-character form of a 15- or 18-character org id, or empty when it is not one. */
    public static Optional<String> normalize(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String trimmed = id.strip();
        if (!trimmed.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return Optional.empty();
        }
        if (trimmed.length() == 15) {
            return isOrgPrefix(trimmed) ? Optional.of(trimmed + checksum(trimmed)) : Optional.empty();
        }
        if (trimmed.length() == 18) {
            String base = trimmed.substring(0, 15);
            if (!isOrgPrefix(base) || !checksum(base).equalsIgnoreCase(trimmed.substring(15))) {
                return Optional.empty();
            }
            return Optional.of(base + checksum(base));
        }
        return Optional.empty();
    }

    /** Why {@code id} is not an org id, for error messages; empty when it is one. */
    public static Optional<String> problem(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of("org id is empty");
        }
        String trimmed = id.strip();
        if (trimmed.length() != 15 && trimmed.length() != 18) {
            return Optional.of("org id must have 15 or 18 characters, got " + trimmed.length());
        }
        if (!trimmed.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return Optional.of("org id may contain only letters and digits");
        }
        if (!isOrgPrefix(trimmed)) {
            return Optional.of("org ids start with 00D, got " + trimmed.substring(0, 3));
        }
        if (trimmed.length() == 18 && normalize(trimmed).isEmpty()) {
            return Optional.of("the last 3 characters are not the checksum of the first 15");
        }
        return Optional.empty();
    }

    /** The 3-character case-safe suffix of a 15-character id. */
    public static String checksum(String fifteen) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = fifteen.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return suffix.toString();
    }

    private static boolean isOrgPrefix(String id) {
        return id.regionMatches(true, 0, "00D", 0, 3);
    }
}
