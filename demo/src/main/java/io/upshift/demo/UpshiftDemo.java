package io.upshift.demo;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackConfig;
import io.upshift.devstack.OrderlyStop;
import io.upshift.security.apikey.domain.Bootstrap;
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
 * --scenario NAME   a deadline rollout instead: hotfix, regulatory or api-retirement (see {@link DeadlineScenario});
 *                   --bad-release and --at-risk (the approval comes late) are variants of the hotfix
 * --executors N     executor instances (default 2)
 * --mail-dir DIR    where sent mails are written as .eml (default target/demo-mail)
 * --keep-running    keep everything up after the campaign, until Ctrl-C; writes the CLI profile
 *                   {@code local} (see {@link LocalProfile}) and prints the admin key for curl
 * </pre>
 */
public final class UpshiftDemo {

    static final String ADMIN_KEY_VARIABLE = "UPSHIFT_BOOTSTRAP_ADMIN_KEY";

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
            System.err.println("       ./upshift run --scenario hotfix|regulatory|api-retirement [--bad-release|--at-risk] "
                    + "[--orgs N] [--seed S] [--executors N] [--keep-running]");
            System.err.println("       ./upshift run --scenario train [--orgs N] [--seed S] [--executors N] [--keep-running]");
            System.exit(2);
            return;
        }
        try {
            adminKeyFromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("upshift: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(arguments, System.out, Clock.systemUTC()));
    }

    static int run(Arguments arguments, PrintStream out, Clock clock) throws InterruptedException {
        if (arguments.train()) {
            return runTrain(arguments, out, clock);
        }
        if (arguments.scenario() != null) {
            return runDeadline(arguments, out, clock);
        }
        DemoScenario.Options options = arguments.options();
        return onStack(arguments, out, clock, DemoScenario.settings(options, arguments.executors()), "demo",
                (stack, upshift, begin) -> {
                    DemoResult result = new DemoScenario(upshift, options, out, clock).run(Duration.ofMinutes(10));
                    removeMailOfEarlierRuns(arguments.mailDirectory());
                    int mails = stack.smtp().writeTo(arguments.mailDirectory());
                    printSummary(out, result, upshift, arguments, mails, Duration.between(begin, clock.instant()));
                    boolean asExpected = arguments.badRelease() ? result.state().equals("HALTED")
                            : result.state().equals("COMPLETED");
                    return asExpected ? 0 : 1;
                });
    }

    /**
     * {@code --scenario}: one of the deadline rollouts of {@link DeadlineScenario} on the same stack;
     * exit code 0 when it ended as intended (see {@link DeadlineResult#asIntended()}).
     */
    static int runDeadline(Arguments arguments, PrintStream out, Clock clock) throws InterruptedException {
        DeadlineScenario.Options options = arguments.deadlineOptions();
        return onStack(arguments, out, clock, DeadlineScenario.settings(options.seed(), arguments.executors()),
                "scenario", (stack, upshift, begin) -> {
                    DeadlineResult result = new DeadlineScenario(upshift, options, out, clock).run(Duration.ofSeconds(60));
                    DeadlineSummary.print(out, result);
                    out.println();
                    out.println("Where to look:");
                    out.println("  planner API         " + upshift.plannerUrl() + "/api/v1/campaigns/" + result.campaignId());
                    upshift.metricsUrls().forEach((name, url) -> out.printf("  %-19s %s%n", name + " metrics", url));
                    return result.asIntended() ? 0 : 1;
                });
    }

    /**
     * {@code --scenario train}: a two-package release train ({@link TrainScenario}); exit code 0 when both
     * tiers completed and the Extras were skipped in exactly the orgs where Billing failed.
     */
    static int runTrain(Arguments arguments, PrintStream out, Clock clock) throws InterruptedException {
        TrainScenario.Options options = new TrainScenario.Options(arguments.orgsGiven() ? arguments.orgs() : 400,
                arguments.seed(), 1);
        return onStack(arguments, out, clock, TrainScenario.settings(options, arguments.executors()), "train",
                (stack, upshift, begin) -> {
                    TrainScenario.Result result = new TrainScenario(upshift, options, out, clock)
                            .run(Duration.ofMinutes(5));
                    TrainScenario.printSummary(out, result);
                    out.println();
                    out.println("Where to look:");
                    out.println("  planner API         " + upshift.plannerUrl() + "/api/v1/trains/" + result.trainId());
                    upshift.metricsUrls().forEach((name, url) -> out.printf("  %-19s %s%n", name + " metrics", url));
                    return TrainScenario.asIntended(result) ? 0 : 1;
                });
    }

    /** What a run does once the stack is up: its campaign and summary; returns the exit code it earns. */
    @FunctionalInterface
    private interface OnStack {
        int run(DevStack stack, LocalUpshift upshift, Instant begin);
    }

    /**
     * Starts the devstack and the services (they log only errors: the run's console is its progress
     * report), runs {@code campaign}, then stops everything — or keeps it up with {@code --keep-running}.
     */
    private static int onStack(Arguments arguments, PrintStream out, Clock clock, LocalUpshift.Settings settings,
            String what, OnStack campaign) throws InterruptedException {
        Instant begin = clock.instant();
        out.println("Starting the devstack and Upshift (planner, " + arguments.executors() + " executors, notifier)…");
        DevStack stack = DevStack.start(DevStackConfig.forTests().withDefaultPartitions(6)
                .withMailDirectory(arguments.mailDirectory()));
        Map<String, String> quiet = Map.of("logging.config", "classpath:demo-logback.xml");
        LocalUpshift upshift = startServices(stack, settings.withPlanner(quiet).withExecutor(quiet).withNotifier(quiet),
                out);
        out.printf("Up in %.1f s.%n%n", Duration.between(begin, clock.instant()).toMillis() / 1000.0);
        int exit;
        try {
            exit = campaign.run(stack, upshift, begin);
        } catch (RuntimeException e) {
            out.println("upshift: the " + what + " failed: " + e.getMessage());
            upshift.close();
            stack.close();
            return 1;
        }
        if (arguments.keepRunning()) {
            keepRunning(out, upshift, stack);
            return 0;
        }
        upshift.close();
        stack.close();
        return exit;
    }

    /**
     * The services with the run's ADMIN key: {@code UPSHIFT_BOOTSTRAP_ADMIN_KEY} when it is set (the
     * services would read it themselves, but the key the demo passes on their command line outranks
     * it), else a fresh one.
     */
    private static LocalUpshift startServices(DevStack stack, LocalUpshift.Settings settings, PrintStream out) {
        String fromEnvironment = adminKeyFromEnvironment(System.getenv());
        if (fromEnvironment == null) {
            return LocalUpshift.start(stack, settings);
        }
        out.println("Using the admin key in UPSHIFT_BOOTSTRAP_ADMIN_KEY.");
        return LocalUpshift.start(stack, settings, fromEnvironment);
    }

    /** The admin key the environment gives, or null; one under 32 characters is refused before anything starts. */
    static String adminKeyFromEnvironment(Map<String, String> env) {
        String key = env.get(ADMIN_KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            return null;
        }
        if (key.strip().length() < Bootstrap.MINIMUM_LENGTH) {
            throw new IllegalArgumentException(ADMIN_KEY_VARIABLE + " must have at least " + Bootstrap.MINIMUM_LENGTH
                    + " characters (e.g. openssl rand -base64 32); unset it and the run makes one up");
        }
        return key.strip();
    }

    private static void keepRunning(PrintStream out, LocalUpshift upshift, DevStack stack) throws InterruptedException {
        printHowToUse(out, upshift, LocalProfile.location(System.getenv()));
        out.println("Everything keeps running; press Ctrl-C to stop.");
        OrderlyStop.onSignal(() -> stop(out, upshift, stack)).awaitStopped();
    }

    /** The services first (each context closed: executors, notifier, planner), then the devstack under them. */
    static void stop(PrintStream out, LocalUpshift upshift, DevStack stack) {
        out.println("Stopping: the services, then the devstack…");
        upshift.close();
        stack.close();
        out.println("Stopped.");
    }

    /** Writes the {@code local} CLI profile and says how to reach the running stack by hand: the CLI and curl. */
    static void printHowToUse(PrintStream out, LocalUpshift upshift, Path profileFile) {
        out.println();
        out.println("Use the running stack by hand (the admin key below is ADMIN on the planner and the notifier):");
        String releaseManager = null;
        try {
            // a release manager who may import orgs (ADMIN) and run campaigns (OPERATOR), and a second person to
            // approve: the creator of a campaign may not approve its first production wave (four eyes)
            ApiClient admin = upshift.plannerAsAdmin();
            releaseManager = admin.createKey("local-release-manager", "ADMIN", "OPERATOR");
            LocalProfile.write(profileFile, upshift.plannerUrl(), releaseManager);
            String approver = LocalProfile.NAME + "-approver";
            LocalProfile.write(profileFile, approver, upshift.plannerUrl(), admin.createKey("local-approver", "APPROVER"));
            out.println("  CLI profiles '" + LocalProfile.NAME + "' (ADMIN, OPERATOR) and '" + approver + "' (APPROVER) written to "
                    + profileFile + " (mode 600):");
            out.println("    ./upshift --profile " + LocalProfile.NAME + " campaign list");
            out.println("    export UPSHIFT_PROFILE=" + LocalProfile.NAME + "   # then plain ./upshift campaign …, ./upshift orgs …");
            out.println("    ./upshift --profile " + approver + " campaign approve ID   # four eyes: the creator may not");
        } catch (java.io.UncheckedIOException e) {
            out.println("  (no CLI profile: " + e.getMessage() + ": " + e.getCause().getMessage() + ")");
            out.println("    UPSHIFT_URL=" + upshift.plannerUrl() + " UPSHIFT_API_KEY=\"$KEY\" ./upshift campaign list");
        }
        out.println("  curl:");
        out.println("    export KEY=" + upshift.adminKey());
        out.println("    curl -H \"X-API-Key: $KEY\" " + upshift.plannerUrl() + "/api/v1/campaigns");
        out.println("  API docs: " + upshift.plannerUrl() + "/swagger-ui.html (planner), " + upshift.notifierUrl()
                + "/swagger-ui.html (notifier)   (the pages are open; their calls need the key: Authorize → X-API-Key)");
        // a one-time link as the release manager (ADMIN, OPERATOR: the bootstrap key cannot create campaigns)
        out.println("  console:  " + upshift.consoleSignInLink(releaseManager != null ? releaseManager : upshift.adminKey()));
        out.println("            (a one-time sign-in link as " + (releaseManager != null ? "local-release-manager" : "the admin")
                + "; afterwards sign in at " + upshift.consoleUrl() + " with the key above)");
        out.println();
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
        out.println("  subscriber portal   " + upshift.portalUrl() + "/s/<signed link>   (the links are in the notices)");
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

    record Arguments(int orgs, long seed, boolean badRelease, int executors, Path mailDirectory, boolean keepRunning,
            DeadlineScenario.Kind scenario, boolean atRisk, boolean orgsGiven, boolean seedGiven, boolean train) {

        Arguments(int orgs, long seed, boolean badRelease, int executors, Path mailDirectory, boolean keepRunning) {
            this(orgs, seed, badRelease, executors, mailDirectory, keepRunning, null, false, true, true, false);
        }

        static Arguments parse(String[] args) {
            int orgs = 2000;
            long seed = 1;
            boolean orgsGiven = false;
            boolean seedGiven = false;
            DeadlineScenario.Kind scenario = null;
            boolean train = false;
            boolean atRisk = false;
            boolean bad = false;
            boolean keep = false;
            int executors = 2;
            Path mail = Path.of("target/demo-mail");
            List<String> list = List.of(args);
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                switch (arg) {
                    case "--orgs" -> {
                        orgs = positive(arg, value(list, ++i, arg));
                        orgsGiven = true;
                    }
                    case "--seed" -> {
                        seed = Long.parseLong(value(list, ++i, arg));
                        seedGiven = true;
                    }
                    case "--scenario" -> {
                        String name = value(list, ++i, arg);
                        train = name.equals("train");
                        scenario = train ? null : DeadlineScenario.Kind.named(name);
                    }
                    case "--at-risk" -> atRisk = true;
                    case "--executors" -> executors = positive(arg, value(list, ++i, arg));
                    case "--mail-dir" -> mail = Path.of(value(list, ++i, arg));
                    case "--bad-release" -> bad = true;
                    case "--keep-running" -> keep = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (atRisk && bad) {
                throw new IllegalArgumentException("choose one of --bad-release and --at-risk");
            }
            if (train && (bad || atRisk)) {
                throw new IllegalArgumentException("--scenario train takes neither --bad-release nor --at-risk");
            }
            if (atRisk && scenario == null) {
                throw new IllegalArgumentException("--at-risk is a variant of --scenario hotfix");
            }
            Arguments arguments = new Arguments(orgs, seed, bad, executors, mail.toAbsolutePath(), keep, scenario,
                    atRisk, orgsGiven, seedGiven, train);
            if (scenario != null) {
                arguments.deadlineOptions(); // checks the variants belong to the hotfix
            }
            return arguments;
        }

        /** The deadline scenario's options: its own fleet size and seed unless given. */
        DeadlineScenario.Options deadlineOptions() {
            DeadlineScenario.Options options = DeadlineScenario.Options.of(scenario);
            options = orgsGiven ? options.withOrgs(orgs) : options;
            options = seedGiven ? options.withSeed(seed) : options;
            return badRelease ? options.withBadRelease() : atRisk ? options.withAtRisk() : options;
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
