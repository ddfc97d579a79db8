package io.upshift.demo;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./upshift run}: a real push campaign on the local stack. Starts the devstack (Kafka in
 * KRaft mode, PostgreSQL, SMTP, the schema registry), the planner, two executors and the notifier,
 * runs a campaign over a simulated fleet and prints what happened and where to look.
 *
 * <pre>
 * --orgs N          fleet size (default 2000)
 * --seed S          fleet and failure seed (default 1)
 * --bad-release     the target version fails everywhere: watch the canary halt the campaign
 * --executors N     executor instances (default 2)
 * --mail-dir DIR    where sent mails are written as .eml (default target/demo-mail)
 * --keep-running    keep everything up after the campaign, until Ctrl-C
 * </pre>
 */
public final class UpshiftDemo {

    private UpshiftDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "demo-logback.xml");
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("upshift: " + e.getMessage());
            System.err.println("usage: ./upshift run [--orgs N] [--seed S] [--bad-release] [--executors N] "
                    + "[--mail-dir DIR] [--keep-running]");
            System.exit(2);
            return;
        }
        System.exit(run(arguments, System.out, Clock.systemUTC()));
    }

    static int run(Arguments arguments, PrintStream out, Clock clock) throws InterruptedException {
        Instant begin = clock.instant();
        out.println("Starting the devstack and Upshift (planner, " + arguments.executors() + " executors, notifier)…");
        DevStack stack = DevStack.start(DevStackConfig.forTests().withDefaultPartitions(6)
                .withMailDirectory(arguments.mailDirectory()));
        DemoScenario.Options options = arguments.options();
        // The demo's console is its progress report: services log only errors (to the console).
        Map<String, String> quiet = Map.of("logging.config", "classpath:demo-logback.xml");
        LocalUpshift upshift = LocalUpshift.start(stack, DemoScenario.settings(options, arguments.executors())
                .withPlanner(quiet).withExecutor(quiet).withNotifier(quiet));
        out.printf("Up in %.1f s.%n%n", Duration.between(begin, clock.instant()).toMillis() / 1000.0);
        DemoResult result;
        try {
            result = new DemoScenario(upshift, options, out, clock).run(Duration.ofMinutes(10));
            removeMailOfEarlierRuns(arguments.mailDirectory());
            int mails = stack.smtp().writeTo(arguments.mailDirectory());
            printSummary(out, result, upshift, arguments, mails, Duration.between(begin, clock.instant()));
        } catch (RuntimeException e) {
            out.println("upshift: the demo failed: " + e.getMessage());
            upshift.close();
            stack.close();
            return 1;
        }
        if (arguments.keepRunning()) {
            out.println("Everything keeps running; press Ctrl-C to stop.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                upshift.close();
                stack.close();
                stopped.countDown();
            }, "demo-stop"));
            stopped.await();
            return 0;
        }
        upshift.close();
        stack.close();
        boolean asExpected = arguments.badRelease() ? result.state().equals("HALTED") : result.state().equals("COMPLETED");
        return asExpected ? 0 : 1;
    }

    static void printSummary(PrintStream out, DemoResult result, LocalUpshift upshift, Arguments arguments,
            int mailsWritten, Duration took) {
        JsonNode status = result.status();
        out.println();
        out.printf("Campaign %s ended %s after %.0f s.%n", result.campaignId(), result.state(), took.toMillis() / 1000.0);
        if (status.hasNonNull("stateReason")) {
            out.println("  why: " + status.path("stateReason").asText());
        }
        out.print("  orgs by state:");
        status.path("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                out.print("  " + e.getKey() + " " + e.getValue().asLong());
            }
        });
        out.println();
        out.println("  waves and gate decisions:");
        for (JsonNode wave : status.path("waves")) {
            out.printf("    %d %-10s %-8s %5d orgs  %s%n", wave.path("number").asInt(), wave.path("kind").asText(),
                    wave.path("state").asText(), wave.path("counts").path("total").asLong(),
                    wave.path("stateReason").isNull() ? "" : wave.path("stateReason").asText(""));
        }
        out.printf("  simulated fleet: %d push jobs started (retries included), %d upgrades to %s applied, %d orgs upgraded twice%n",
                result.world().pushJobs(), result.world().upgrades(), DemoScenario.TARGET_VERSION,
                result.world().orgsUpgradedMoreThanOnce());
        if (arguments.badRelease()) {
            out.printf("  bad release: %d production orgs were touched by %s before the halt (bound: gate minimum %d + in-flight cap %d = %d)%n",
                    result.productionOrgsPushed(), DemoScenario.TARGET_VERSION, DemoScenario.GATE_MINIMUM_FINISHED,
                    DemoScenario.MAX_IN_FLIGHT, DemoScenario.GATE_MINIMUM_FINISHED + DemoScenario.MAX_IN_FLIGHT);
        }
        out.println("  emails sent: " + result.emailsSent());
        out.println();
        out.println("Where to look:");
        out.println("  web console         " + upshift.consoleUrl() + "/campaigns/" + result.campaignId()
                + "   (sign in with an API key)");
        out.println("  planner API         " + upshift.plannerUrl() + "/api/v1/campaigns/" + result.campaignId()
                + "   (OpenAPI: " + upshift.plannerUrl() + "/v3/api-docs)");
        upshift.metricsUrls().forEach((name, url) -> out.printf("  %-19s %s%n", name + " metrics", url));
        out.println("  sent emails         " + mailsWritten + " .eml files (one per recipient) in " + arguments.mailDirectory());
        out.println(upshift.stack().addresses());
    }

    /** The command line. */
    /** The folder shows this run's mail only: a smaller run would otherwise leave a larger one's files behind. */
    private static void removeMailOfEarlierRuns(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{5,}\\.eml")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the mail of earlier runs from " + directory, e);
        }
    }

    record Arguments(int orgs, long seed, boolean badRelease, int executors, Path mailDirectory, boolean keepRunning) {

        static Arguments parse(String[] args) {
            int orgs = 2000;
            long seed = 1;
            boolean bad = false;
            boolean keep = false;
            int executors = 2;
            Path mail = Path.of("target/demo-mail");
            List<String> list = List.of(args);
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                switch (arg) {
                    case "--orgs" -> orgs = positive(arg, value(list, ++i, arg));
                    case "--seed" -> seed = Long.parseLong(value(list, ++i, arg));
                    case "--executors" -> executors = positive(arg, value(list, ++i, arg));
                    case "--mail-dir" -> mail = Path.of(value(list, ++i, arg));
                    case "--bad-release" -> bad = true;
                    case "--keep-running" -> keep = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Arguments(orgs, seed, bad, executors, mail.toAbsolutePath(), keep);
        }

        DemoScenario.Options options() {
            return new DemoScenario.Options(orgs, seed, badRelease, 1, true);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number < 1) {
                    throw new IllegalArgumentException(option + " must be at least 1, got " + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a whole number, got " + value);
            }
        }
    }
}
