package io.upshift.bench;

import java.util.Locale;

/**
 * How big a run is. {@link #DEFAULT} runs all eleven benchmarks in under ten minutes on a shared
 * two-core machine (#21, decision 4), at smaller sizes than the targets are stated for; {@link #LARGE}
 * uses the sizes the targets are stated for (a million orgs to plan, 50,000 in flight, 20 pushes per
 * slot at both makespan compressions); {@link #TINY} is the smoke run of the build, which only proves
 * that every benchmark still builds, runs and reports. Every recorded run says its size.
 */
public enum Size {
    TINY,
    DEFAULT,
    LARGE;

    public static Size parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--size must be tiny, default or large, got " + text);
        }
    }

    /** The value for this size: tiny, default, large. */
    public int pick(int tiny, int normal, int large) {
        return switch (this) {
            case TINY -> tiny;
            case DEFAULT -> normal;
            case LARGE -> large;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
