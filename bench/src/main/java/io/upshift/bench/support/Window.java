package io.upshift.bench.support;

import java.time.Instant;

/**
 * A stretch of a benchmark that is the measurement itself (not the set-up before it or the
 * baseline after it): the profile keeps only the JFR samples taken inside such windows, and the
 * CPU figures count only them.
 */
public final class Window implements AutoCloseable {

    private final String label;
    private final CpuClock cpu;
    private final Instant from;
    private final double jvmAtStart;
    private final double postgresAtStart;
    private Instant to;
    private double jvmSeconds;
    private double postgresSeconds;

    public Window(String label, CpuClock cpu) {
        this.label = label;
        this.cpu = cpu;
        this.from = Instant.now();
        this.jvmAtStart = cpu.jvmSeconds();
        this.postgresAtStart = cpu.postgresSeconds();
    }

    /** Ends the window (once). */
    @Override
    public void close() {
        if (to == null) {
            to = Instant.now();
            jvmSeconds = cpu.jvmSeconds() - jvmAtStart;
            postgresSeconds = cpu.postgresSeconds() - postgresAtStart;
        }
    }

    public String label() {
        return label;
    }

    public Instant from() {
        return from;
    }

    /** The end, or now while the window is open. */
    public Instant to() {
        return to == null ? Instant.now() : to;
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to());
    }

    public double seconds() {
        return java.time.Duration.between(from, to()).toNanos() / 1e9;
    }

    public double jvmSeconds() {
        return jvmSeconds;
    }

    public double postgresSeconds() {
        return postgresSeconds;
    }
}
