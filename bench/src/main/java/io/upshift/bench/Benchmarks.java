package io.upshift.bench;

import io.upshift.bench.blast.BlastRadius;
import io.upshift.bench.console.CampaignPageBenchmark;
import io.upshift.bench.endtoend.EndToEndThroughput;
import io.upshift.bench.inflight.InFlightCapacity;
import io.upshift.bench.latency.SteadyLatency;
import io.upshift.bench.makespan.MakespanEfficiency;
import io.upshift.bench.million.MillionOrgs;
import io.upshift.bench.notifier.NotifierThroughput;
import io.upshift.bench.planning.PlanningBenchmark;
import io.upshift.bench.statusreads.StatusReads;
import io.upshift.bench.support.Profiler;
import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./upshift bench}: runs the benchmarks of ISSUE-8 on one devstack started for the run and
 * reports each as absolute figures plus ratios against a baseline measured in the same run.
 *
 * <pre>
 * --size tiny|default|large   default: all twelve in under ten minutes; large: the sizes the targets are stated for
 * --only NAME[,NAME]          just these (end-to-end, planning, in-flight, latency, makespan, blast-radius, notifier,
 *                             status-reads, million-orgs, rehearsal, rehearsal-proof,
 *                             console)
 * --results DIR               where the JSON files go (default bench/results)
 * --markdown FILE             the report a new run is added to (default BENCHMARKS.md)
 * --work DIR                  JFR recordings, logs, scratch files (default bench/target/bench-work)
 * --no-profile                no JFR recording
 * --jmh [REGEX]               the JMH microbenchmarks (serde, gate, windows) instead
 * </pre>
 */
public final class Benchmarks {

    /** The twelve benchmarks, in the order they run. */
    public static List<Benchmark> all() {
        return List.of(new EndToEndThroughput(), new PlanningBenchmark(), new InFlightCapacity(), new SteadyLatency(),
                new MakespanEfficiency(), new BlastRadius(), new NotifierThroughput(), new StatusReads(),
                new MillionOrgs(), new io.upshift.bench.rehearsal.RehearsalBenchmark(), new io.upshift.bench.rehearsal.RehearsalProof(),
                new CampaignPageBenchmark());
    }

    /** How a run is asked for. */
    public record Options(Size size, Set<String> only, Path results, Path markdown, Path work, boolean profile,
            String command) {

        public static Options parse(String[] args) {
            Size size = Size.DEFAULT;
            Set<String> only = new LinkedHashSet<>();
            Path results = Path.of("bench/results");
            Path markdown = Path.of("BENCHMARKS.md");
            Path work = Path.of("bench/target/bench-work");
            boolean profile = true;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--size" -> size = Size.parse(value(args, ++i, arg));
                    case "--only" -> only.addAll(List.of(value(args, ++i, arg).split(",")));
                    case "--results" -> results = Path.of(value(args, ++i, arg));
                    case "--markdown" -> markdown = Path.of(value(args, ++i, arg));
                    case "--work" -> work = Path.of(value(args, ++i, arg));
                    case "--no-profile" -> profile = false;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            Set<String> known = new LinkedHashSet<>(all().stream().map(Benchmark::name).toList());
            for (String name : only) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("no benchmark " + name + "; there are " + known);
                }
            }
            return new Options(size, only, results, markdown, work, profile,
                    ("./upshift bench " + String.join(" ", args)).strip());
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // First of all: the first logger created configures logback, and loading the benchmarks
        // (Options.parse) already creates some (the notifier benchmark binds the notifier's defaults
        // with Spring's Binder). Set later, the broker's INFO logs flooded the console.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        if (args.length > 0 && args[0].equals("--jmh")) {
            Micro.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: ./upshift bench [--size tiny|default|large] [--only NAME[,NAME]] [--no-profile] "
                    + "[--results DIR] [--markdown FILE] [--work DIR] | --jmh [REGEX]");
            System.exit(2);
            return;
        }
        System.setProperty("bench.log", options.work().resolve("services.log").toAbsolutePath().toString());
        List<Result> results = run(options, System.out);
        System.exit(results.size() == expected(options) ? 0 : 1);
    }

    private static int expected(Options options) {
        return options.only().isEmpty() ? all().size() : options.only().size();
    }

    /** Runs the chosen benchmarks on a devstack of their own; returns the results of those that finished. */
    public static List<Result> run(Options options, PrintStream out) throws Exception {
        System.setProperty("bench.log", options.work().resolve("services.log").toAbsolutePath().toString());
        Machine machine = Machine.current();
        Instant started = Clock.systemUTC().instant();
        out.println("Upshift benchmarks, " + options.size().label() + " size, on " + machine.describe());
        out.println("Starting the devstack (Kafka with the catalogue's partitions, PostgreSQL, SMTP, schema registry)…");
        List<Result> results = new ArrayList<>();
        // The catalogue's own partition counts (12 commands, 12 outcomes …), as a deployment has them.
        try (DevStack stack = DevStack.start(DevStackConfig.forTests().withDefaultPartitions(0))) {
            BenchEnvironment environment = new BenchEnvironment(stack, options.work(), out, "classpath:bench-logback.xml");
            Profiler profiler = new Profiler(options.work(), options.profile());
            for (Benchmark benchmark : all()) {
                if (!options.only().isEmpty() && !options.only().contains(benchmark.name())) {
                    continue;
                }
                out.printf(Locale.ROOT, "%n== %s: %s%n", benchmark.name(), benchmark.title());
                Instant begin = Clock.systemUTC().instant();
                long begun = System.nanoTime();
                Profiler.Session session = profiler.start(benchmark.name(), environment.cpu());
                Result result;
                try {
                    result = benchmark.run(environment, options.size());
                } catch (Exception | Error e) {
                    session.stop(environment.takeWindows());
                    out.println("  FAILED: " + e);
                    e.printStackTrace(out);
                    continue;
                }
                result.profile(session.stop(environment.takeWindows()));
                result.timing(begin, Duration.ofNanos(System.nanoTime() - begun));
                ResultsWriter.writeJson(options.results(), result, machine, options.command());
                results.add(result);
                summary(out, result);
            }
        }
        if (!results.isEmpty()) {
            ResultsWriter.prependMarkdown(options.markdown(), results, machine, options.command(), started);
            out.printf(Locale.ROOT, "%nResults: %s (JSON) and %s; recordings in %s. Took %.0f s.%n", options.results(),
                    options.markdown(), options.work(), Duration.between(started, Clock.systemUTC().instant()).toMillis() / 1000.0);
        }
        return results;
    }

    private static void summary(PrintStream out, Result result) {
        for (Result.Figure f : result.figures()) {
            out.printf(Locale.ROOT, "  %-9s %-70s %12s %s%n", f.baseline() ? "baseline" : "upshift", f.description(),
                    ResultsWriter.fmt(f.value()), f.unit());
        }
        for (Result.Ratio r : result.ratios()) {
            out.printf(Locale.ROOT, "  %-9s %-70s %12s%n", "ratio", r.description(), ResultsWriter.fmt(r.value()));
        }
        for (Result.Target t : result.targets()) {
            out.printf(Locale.ROOT, "  %-9s %-70s %12s %s %s%n", t.met() ? "MET" : "NOT MET", t.description(),
                    ResultsWriter.fmt(t.value()), t.op(), ResultsWriter.fmt(t.limit()));
        }
        Profile p = result.profile();
        out.printf(Locale.ROOT, "  took %.0f s; JVM %.0f CPU-s, PostgreSQL %.0f CPU-s%n", result.took().toMillis() / 1000.0,
                p.jvmCpuSeconds(), p.postgresCpuSeconds());
    }
}
