package io.upshift.planner.inventory.domain;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package version number, {@code major.minor.patch[.build]}, compared numerically (4.10.0 is
 * newer than 4.9.3) — never as text and never as a floating-point number.
 */
public record PackageVersionNumber(int major, int minor, int patch, int build) implements Comparable<PackageVersionNumber> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?");
    private static final Pattern LENIENT = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?");
    private static final Comparator<PackageVersionNumber> ORDER = Comparator.comparingInt(PackageVersionNumber::major)
            .thenComparingInt(PackageVersionNumber::minor)
            .thenComparingInt(PackageVersionNumber::patch)
            .thenComparingInt(PackageVersionNumber::build);

    public PackageVersionNumber {
        if (major < 0 || minor < 0 || patch < 0 || build < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    public static PackageVersionNumber of(int major, int minor, int patch) {
        return new PackageVersionNumber(major, minor, patch, 0);
    }

    /**
     * Parses "4.2.1" or "4.2.1.3".
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static PackageVersionNumber parse(String text) {
        Matcher matcher = text == null ? null : FORMAT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version number major.minor.patch[.build]");
        }
        return new PackageVersionNumber(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), matcher.group(4) == null ? 0 : Integer.parseInt(matcher.group(4)));
    }

    /**
     * A version number as people write it in a campaign ("4.2" means 4.2.0), or empty when the text
     * is not one: {@code major.minor[.patch[.build]]}.
     */
    public static Optional<PackageVersionNumber> parseLenient(String text) {
        Matcher matcher = text == null ? null : LENIENT.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PackageVersionNumber(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)),
                matcher.group(4) == null ? 0 : Integer.parseInt(matcher.group(4))));
    }

    public boolean isNewerThan(PackageVersionNumber other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(PackageVersionNumber other) {
        return ORDER.compare(this, other);
    }

    /** "4.2.1", or "4.2.1.3" when the build is not 0: the form people write and the contract carries. */
    @Override
    public String toString() {
        String text = major + "." + minor + "." + patch;
        return build == 0 ? text : text + "." + build;
    }
}
