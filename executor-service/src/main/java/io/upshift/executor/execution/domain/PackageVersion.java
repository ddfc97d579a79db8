package io.upshift.executor.execution.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package version ("4.2.1", "4.2.1.7"), compared numerically part by part: 4.10.0 is newer
 * than 4.9.3, and 4.2 equals 4.2.0. Never a floating-point number.
 */
public final class PackageVersion implements Comparable<PackageVersion> {

    private static final Pattern FORMAT = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){1,3}");

    private final String text;
    private final int[] parts;

    private PackageVersion(String text, int[] parts) {
        this.text = text;
        this.parts = parts;
    }

    /** The version, or empty when the text is not "major.minor[.patch[.build]]". */
    public static Optional<PackageVersion> parse(String text) {
        if (text == null || !FORMAT.matcher(text.strip()).matches()) {
            return Optional.empty();
        }
        String stripped = text.strip();
        int[] parts = Arrays.stream(stripped.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return Optional.of(new PackageVersion(stripped, parts));
    }

    public static PackageVersion of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a package version (major.minor[.patch[.build]]): '" + text + "'"));
    }

    /** The version as written ("4.2.1"). */
    public String text() {
        return text;
    }

    @Override
    public int compareTo(PackageVersion other) {
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int mine = i < parts.length ? parts[i] : 0;
            int theirs = i < other.parts.length ? other.parts[i] : 0;
            if (mine != theirs) {
                return Integer.compare(mine, theirs);
            }
        }
        return 0;
    }

    public boolean isAtLeast(PackageVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PackageVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.length;
        while (end > 0 && parts[end - 1] == 0) {
            end--;
        }
        return Arrays.hashCode(Arrays.copyOf(parts, end));
    }

    @Override
    public String toString() {
        return text;
    }
}
