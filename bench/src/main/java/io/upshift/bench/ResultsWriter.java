package io.upshift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes results: one JSON file per benchmark (the latest run; machine-readable) and a new run
 * section at the top of {@code BENCHMARKS.md}, above the earlier ones, so progress stays visible.
 */
final class ResultsWriter {

    static final String MARKER = "<!-- Runs below, newest first. The runner inserts each new run here. -->";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ResultsWriter() {
    }

    static void writeJson(Path directory, Result result, Machine machine, String command) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", result.benchmark());
        json.put("title", result.title());
        json.put("size", result.size().label());
        json.put("command", command);
        json.put("started", result.startedAt() == null ? null : result.startedAt().toString());
        json.put("durationSeconds", round(result.took().toMillis() / 1000.0));
        json.put("machine", machine);
        json.put("parameters", result.parameters());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Result.Figure f : result.figures()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("key", f.key());
            figure.put("value", round(f.value()));
            figure.put("unit", f.unit());
            figure.put("side", f.baseline() ? "baseline" : "upshift");
            figure.put("description", f.description());
            figures.add(figure);
        }
        json.put("figures", figures);
        json.put("ratios", result.ratios().stream().map(r -> Map.of("key", r.key(), "value", round(r.value()),
                "numerator", r.numerator(), "denominator", r.denominator(), "description", r.description())).toList());
        json.put("targets", result.targets());
        json.put("notes", result.notes());
        json.put("details", result.details());
        json.put("profile", result.profile());
        json.put("serviceProfiles", result.serviceProfiles());
        JSON.writeValue(directory.resolve(result.benchmark() + ".json").toFile(), json);
    }

    static void prependMarkdown(Path file, List<Result> results, Machine machine, String command, Instant started)
            throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : header();
        if (!existing.contains(MARKER)) {
            existing = existing + "\n" + MARKER + "\n";
        }
        StringBuilder run = new StringBuilder();
        run.append("\n## Run of ").append(DATE.format(started)).append(": `").append(command).append("`\n\n");
        // which size each recorded run used, and how long the whole command took (#21, decision 4)
        run.append("Size: ").append(results.getFirst().size().label())
                .append(results.getFirst().size() == Size.LARGE ? " (the sizes the targets are stated for)"
                        : " (the targets are stated for `--size large`)")
                .append("; the whole command took ")
                .append(fmt(java.time.Duration.between(started, java.time.Clock.systemUTC().instant()).toMillis() / 1000.0)).append(" s.\n\n");
        run.append("Machine: ").append(machine.describe()).append(".\n\n");
        run.append("| benchmark | headline | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Result.Target target = r.targets().isEmpty() ? null : r.targets().getFirst();
            Result.Ratio ratio = r.ratios().isEmpty() ? null : headlineRatio(r);
            run.append("| ").append(r.benchmark()).append(" | ")
                    .append(ratio == null ? "" : figure(r, ratio.numerator())).append(" | ")
                    .append(ratio == null ? "" : figure(r, ratio.denominator())).append(" | ")
                    .append(ratio == null ? "" : fmt(ratio.value())).append(" | ")
                    .append(target == null ? "" : target.description()).append(" | ")
                    .append(target == null ? "" : r.targets().stream().allMatch(Result.Target::met) ? "yes" : "**no**")
                    .append(" |\n");
        }
        for (Result r : results) {
            section(run, r, command);
        }
        int at = existing.indexOf(MARKER) + MARKER.length();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, existing.substring(0, at) + "\n" + run + existing.substring(at));
    }

    private static Result.Ratio headlineRatio(Result r) {
        // the ratio the first target is about, else the first
        return r.ratios().stream().filter(x -> x.key().contains("_2_") || x.key().startsWith("headline"))
                .findFirst().orElse(r.ratios().getFirst());
    }

    private static void section(StringBuilder out, Result r, String command) {
        out.append("\n### ").append(r.benchmark()).append(": ").append(r.title()).append("\n\n");
        out.append("`").append(command.contains("--only") ? command : command + " --only " + r.benchmark())
                .append("` — ").append(r.size().label()).append(" size, ").append(fmt(r.took().toMillis() / 1000.0))
                .append(" s. Parameters: ");
        List<String> parameters = new ArrayList<>();
        r.parameters().forEach((k, v) -> parameters.add(k + " " + v));
        out.append(String.join("; ", parameters)).append(".\n\n");
        out.append("| figure | value | side |\n|---|---|---|\n");
        for (Result.Figure f : r.figures()) {
            out.append("| ").append(f.description()).append(" | ").append(fmt(f.value())).append(' ').append(f.unit())
                    .append(" | ").append(f.baseline() ? "baseline" : "Upshift").append(" |\n");
        }
        for (Result.Ratio ratio : r.ratios()) {
            out.append("| ").append(ratio.description()).append(" | ").append(fmt(ratio.value())).append(" | ratio |\n");
        }
        for (Result.Target t : r.targets()) {
            out.append("\nTarget: ").append(t.description()).append(": ").append(fmt(t.value())).append(' ')
                    .append(t.op()).append(' ').append(fmt(t.limit())).append(" — ")
                    .append(t.met() ? "**met**" : "**not met**").append(".");
        }
        out.append("\n");
        for (String note : r.notes()) {
            out.append("\n- ").append(note);
        }
        if (!r.notes().isEmpty()) {
            out.append("\n");
        }
        if (r.profile() != null) {
            profile(out, "Where the time goes (measured, benchmark JVM)", r.profile());
        }
        r.serviceProfiles().forEach((service, p) -> profile(out, "In the " + service + "'s own process", p));
    }

    private static void profile(StringBuilder out, String heading, Profile p) {
        out.append("\n").append(heading).append(": ");
        List<String> facts = new ArrayList<>();
        if (!Double.isNaN(p.jvmCpuSeconds())) {
            facts.add(String.format(Locale.ROOT, "%.0f s wall, this JVM %.0f CPU-s, PostgreSQL %.0f CPU-s",
                    p.wallSeconds(), p.jvmCpuSeconds(), p.postgresCpuSeconds()));
        }
        if (p.samples() > 0) {
            facts.add(String.format(Locale.ROOT, "GC pauses %.0f ms in %d collections", p.gcPauseMillis(), p.gcCount()));
            List<String> parts = new ArrayList<>();
            p.components().entrySet().stream().limit(8).forEach(e -> parts.add(e.getKey() + " " + fmt(e.getValue()) + " %"));
            facts.add("Java samples (" + p.samples() + ") by component: " + String.join(", ", parts));
            facts.add("hottest Upshift frames: " + String.join(", ", p.hotUpshiftMethods().stream().limit(6)
                    .map(s -> "`" + s.name() + "` " + fmt(s.percent()) + " %").toList()));
            facts.add("hottest leaf frames: " + String.join(", ", p.hotMethods().stream().limit(6)
                    .map(s -> "`" + s.name() + "` " + fmt(s.percent()) + " %").toList()));
            facts.add("recording `" + Path.of(p.recording()).getFileName() + "`");
        }
        out.append(String.join("; ", facts)).append(".\n");
    }

    private static String figure(Result r, String key) {
        Result.Figure f = r.figures().stream().filter(x -> x.key().equals(key)).findFirst().orElse(null);
        return f == null ? "" : fmt(f.value()) + " " + f.unit();
    }

    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static String header() {
        return """
                # Benchmarks

                Upshift's speed next to the limits of its own parts (ISSUE-8): every figure comes with a
                baseline measured in the same run on the same machine — plain Kafka clients doing the same
                hops, a PostgreSQL `COPY` of the same rows, a bare `JavaMailSender` loop, the bound a
                design promises — because these machines are shared and noisy (2 cores).

                Run them all at the default sizes (meant to take under 10 minutes): `./upshift bench`. One of them:
                `./upshift bench --only end-to-end`. The sizes the targets are stated for: `--size large`.
                Machine-readable results: `bench/results/<benchmark>.json`. Each benchmark is recorded with
                JFR (`bench/target/bench-work/<benchmark>.jfr`, read with `jfr summary` / `jfr print`).
                """;
    }
}
