package io.upshift.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark measured: its parameters, every figure (ours and the baseline's, absolute),
 * the ratios between them, the targets of ISSUE-8 with whether they were met, notes, and (added
 * by the runner) where the time went. Written as {@code bench/results/<name>.json} and as a
 * section of {@code BENCHMARKS.md}.
 */
public final class Result {

    /** A measured number. {@code baseline}: measured on the baseline side of the comparison. */
    public record Figure(String key, double value, String unit, String description, boolean baseline) {
    }

    /** {@code value = numerator / denominator} of two figures. */
    public record Ratio(String key, String numerator, String denominator, double value, String description) {
    }

    /** A target of ISSUE-8: {@code value op limit}, e.g. "p99 latency ≤ 250 ms". */
    public record Target(String description, double value, String op, double limit, boolean met) {
    }

    private final String benchmark;
    private final String title;
    private final Size size;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private Instant startedAt;
    private Duration took = Duration.ZERO;
    private Profile profile;
    private final Map<String, Profile> serviceProfiles = new LinkedHashMap<>();

    public Result(String benchmark, String title, Size size) {
        this.benchmark = benchmark;
        this.title = title;
        this.size = size;
    }

    public Result parameter(String key, Object value) {
        parameters.put(key, value);
        return this;
    }

    public Result figure(String key, double value, String unit, String description) {
        figures.add(new Figure(key, value, unit, description, false));
        return this;
    }

    public Result baseline(String key, double value, String unit, String description) {
        figures.add(new Figure(key, value, unit, description, true));
        return this;
    }

    /** A figure of Upshift's side or, when {@code baseline}, of the baseline's (one measurement taken on both). */
    public Result figure(boolean baseline, String key, double value, String unit, String description) {
        figures.add(new Figure(key, value, unit, description, baseline));
        return this;
    }

    /** Adds {@code numerator / denominator} (both figures already added) as a ratio; returns its value. */
    public double ratio(String key, String numerator, String denominator, String description) {
        double value = value(numerator) / value(denominator);
        ratios.add(new Ratio(key, numerator, denominator, value, description));
        return value;
    }

    public Result target(String description, double value, String op, double limit) {
        boolean met = switch (op) {
            case "<=" -> value <= limit;
            case "<" -> value < limit;
            case ">=" -> value >= limit;
            case ">" -> value > limit;
            default -> throw new IllegalArgumentException("unknown comparison " + op);
        };
        targets.add(new Target(description, value, op, limit, met));
        return this;
    }

    public Result note(String text) {
        notes.add(text);
        return this;
    }

    /** Anything structured worth keeping in the JSON (a histogram, per-pod figures). */
    public Result detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public double value(String key) {
        return figures.stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + key + " in " + benchmark)).value();
    }

    void timing(Instant started, Duration duration) {
        this.startedAt = started;
        this.took = duration;
    }

    /** The profile of a service that ran as its own process (its JFR recording), by service name. */
    public Result serviceProfile(String service, Profile summary) {
        serviceProfiles.put(service, summary);
        return this;
    }

    public Map<String, Profile> serviceProfiles() {
        return serviceProfiles;
    }

    void profile(Profile summary) {
        this.profile = summary;
    }

    public String benchmark() {
        return benchmark;
    }

    public String title() {
        return title;
    }

    public Size size() {
        return size;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<Ratio> ratios() {
        return ratios;
    }

    public List<Target> targets() {
        return targets;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration took() {
        return took;
    }

    public Profile profile() {
        return profile;
    }
}
