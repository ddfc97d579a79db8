package io.upshift.planner.campaign.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package version number, {@code major.minor[.patch[.build]]}, compared numerically: 4.10.0 is
 * newer than 4.9.3. Versions are never floating point.
 */
public record Version(int major, int minor, int patch, int build) implements Comparable<Version> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?");

    public Version {
        if (major < 0 || minor < 0 || patch < 0 || build < 0) {
            throw new IllegalArgumentException("version parts cannot be negative");
        }
    }

    /** The version a text names, or empty when it is not one. */
    public static Optional<Version> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
    }

    @Override
    public int compareTo(Version other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        return c == 0 ? Integer.compare(build, other.build) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (build == 0 ? "" : "." + build);
    }
}
