package io.upshift.demo;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.world.WorldReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The demo's push campaign, driven through the planner's REST API as a release manager's script
 * would: register a package and its versions, import a simulated fleet as CSV, create a campaign
 * (sandboxes first, a canary, doubling waves, a gate), preview it, schedule it, and follow it to
 * the end with a progress line per wave. Time is compressed — a 5-second notice period and
 * always-open maintenance windows — so a 2,000-org campaign ends in about a minute.
 */
public final class DemoScenario {

    public static final String TARGET_VERSION = "4.2.1";
    static final List<String> VERSIONS = List.of("3.9.7", "4.0.3", "4.1.0", "4.1.2", "4.2.0", TARGET_VERSION);
    static final Set<String> FINAL_STATES = Set.of("COMPLETED", "HALTED", "CANCELED");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /** The demo's gate and caps; the blast-radius bound of a bad release is minimum finished + in-flight cap. */
    public static final int GATE_MINIMUM_FINISHED = 20;
    public static final int GATE_THRESHOLD_PERCENT = 10;
    public static final int MAX_IN_FLIGHT = 100;
    public static final int MAX_IN_FLIGHT_PER_INSTANCE = 40;

    /**
     * @param orgs how many subscriber orgs the simulated fleet has
     * @param seed the fleet's (and the world's) seed: the same seed, the same run
     * @param badRelease the target version fails Apex tests in every production org: the canary trips the gate
     * @param run a number that keeps this run's package apart from other runs on the same stack
     * @param userCaps the campaign sets its own in-flight caps; without them the planner's default
     *        in-flight cap ({@code upshift.planner.dispatch.default-max-in-flight}) bounds it
     */
    public record Options(int orgs, long seed, boolean badRelease, int run, boolean userCaps) {

        public static Options defaults() {
            return new Options(2000, 1, false, 1, true);
        }

        public Options withOrgs(int count) {
            return new Options(count, seed, badRelease, run, userCaps);
        }

        public Options withSeed(long newSeed) {
            return new Options(orgs, newSeed, badRelease, run, userCaps);
        }

        public Options withBadRelease(boolean bad) {
            return new Options(orgs, seed, bad, run, userCaps);
        }

        public Options withRun(int number) {
            return new Options(orgs, seed, badRelease, number, userCaps);
        }

        public Options withUserCaps(boolean set) {
            return new Options(orgs, seed, badRelease, run, set);
        }

        public String packageId() {
            return String.format("033Up%010d", run);
        }

        String versionId(int index) {
            return String.format("04tUp%08d%02d", run, index);
        }
    }

    /** How the services run for the demo: quick loops, short pushes, a relay that lets 2,000 orgs' mail through. */
    public static LocalUpshift.Settings settings(Options options, int executors) {
        Map<String, String> executor = new LinkedHashMap<>();
        executor.put("upshift.executor.simulated.seed", String.valueOf(options.seed()));
        executor.put("upshift.executor.simulated.latency.median", "300ms");
        executor.put("upshift.executor.simulated.latency.p99", "2s");
        executor.put("upshift.executor.simulated.latency.max", "4s");
        // Retries of transient failures after 1 s, 2 s, 4 s instead of minutes.
        executor.put("upshift.executor.retry.initial-backoff", "1s");
        executor.put("upshift.executor.retry.max-backoff", "5s");
        // A few failures (1.5 %), a third of them transient: each is its command's outcome (the executor
        // does not push again), a person's retry may pass. At 4 % a healthy release tripped the 10 % gate
        // on a noisy sample of 20 now and then (the fault tests saw 7 of 68 fail in one wave).
        executor.put("upshift.executor.simulated.failures.fleet.LockingFailure", "0.005");
        executor.put("upshift.executor.simulated.failures.fleet.ApexTestFailure", "0.01");
        // and calls Salesforce turns away for a moment (a 503, no job): the executor tries them again with
        // backoff inside the window, as it does with the real API — the retries the dashboards show
        executor.put("upshift.executor.simulated.failures.unavailable-rate", "0.02");
        if (options.badRelease()) {
            // The bad release passes in sandboxes but fails Apex tests in every production org (think of a
            // test that depends on production data): the sandbox wave passes, the canary trips the gate.
            for (String pod : FleetGenerator.productionPods()) {
                executor.put("upshift.executor.simulated.failures.instances." + pod + ".ApexTestFailure", "1.0");
            }
        }
        return LocalUpshift.Settings.of(executors)
                .withPlanner(Map.of("upshift.planner.dispatch.interval", "250ms",
                        // compressed time: a 5-second notice is the demo's "72 hours", its minimum too
                        "upshift.planner.planning.minimum-notice-period", "5s"))
                .withExecutor(executor)
                .withNotifier(Map.of(
                        "upshift.notifier.delivery.rate-per-second", "1000",
                        "upshift.notifier.publisher-recipients", "release-team@acme-isv.example"));
    }

    private final LocalUpshift upshift;
    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final ApiClient admin;
    private final ApiClient planner;
    private final ApiClient notifier;
    private Instant scheduledAt;

    public DemoScenario(LocalUpshift upshift, Options options, PrintStream out, Clock clock) {
        this.upshift = upshift;
        this.options = options;
        this.out = out;
        this.clock = clock;
        // The release manager's script works with an OPERATOR key; registering packages and importing
        // the fleet takes the ADMIN key.
        this.admin = upshift.plannerAsAdmin();
        this.planner = admin.as(admin.createKey("release-manager-" + options.run() + "-" + clock.millis(), "OPERATOR"));
        this.notifier = upshift.notifierAsAdmin();
    }

    public ApiClient planner() {
        return planner;
    }

    /** Runs the campaign to a final state and reports what happened. */
    public DemoResult run(Duration timeout) {
        String packageId = registerPackage();
        importFleet(packageId);
        String campaignId = createCampaign(packageId);
        preview(campaignId);
        planner.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        scheduledAt = clock.instant();
        out.printf("Scheduled campaign %s: notices go out now, the first wave starts in 5 s.%n", campaignId);
        JsonNode status = follow(campaignId, timeout);
        Map<String, Long> emails = awaitEmails(campaignId, Duration.ofSeconds(90));
        WorldReport world = upshift.fleetWorld().report();
        return new DemoResult(campaignId, packageId, status, emails, world, productionOrgsPushed(campaignId, status));
    }

    private String registerPackage() {
        String packageId = options.packageId();
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", "Acme Billing", "namespace", "acme"));
        for (int i = 0; i < VERSIONS.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of(
                    "versionId", options.versionId(i), "version", VERSIONS.get(i), "releaseState", "RELEASED",
                    "releaseNotesUrl", "https://acme-isv.example/billing/releases/" + VERSIONS.get(i)));
        }
        return packageId;
    }

    private void importFleet(String packageId) {
        FleetOptions fleet = FleetOptions.defaults(options.orgs(), options.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN);
        Path csv;
        try {
            csv = Files.createTempFile("upshift-fleet", ".csv");
            try (OutputStream file = Files.newOutputStream(csv)) {
                FleetCsv.write(new FleetGenerator(fleet).stream(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JsonNode report = admin.postFile("/api/v1/packages/" + packageId + "/subscribers/import", csv, "text/csv");
            out.printf("Imported a simulated fleet of %d orgs (seed %d) as CSV: %s inserted, %s rejected.%n",
                    options.orgs(), options.seed(), report.path("inserted").asText(), report.path("rejected").asText());
        } finally {
            csv.toFile().delete();
        }
    }

    private String createCampaign(String packageId) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Acme Billing " + TARGET_VERSION + (options.badRelease() ? " (bad release)" : ""));
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", TARGET_VERSION);
        campaign.put("strategy", Map.of("sandboxesFirst", true, "canary", Map.of("percent", 5),
                "ramp", Map.of("type", "DOUBLING")));
        campaign.put("schedule", Map.of("noticePeriod", "PT5S"));
        campaign.put("pacing", options.userCaps() ? Map.of("maxInFlight", MAX_IN_FLIGHT,
                "maxInFlightPerInstance", MAX_IN_FLIGHT_PER_INSTANCE, "expectedUpgradeDuration", "PT2S")
                : Map.of("expectedUpgradeDuration", "PT2S"));
        campaign.put("gate", Map.of("failureThresholdPercent", GATE_THRESHOLD_PERCENT,
                "minimumFinished", GATE_MINIMUM_FINISHED));
        campaign.put("orgTimeout", "PT2M");
        campaign.put("supportContact", "support@acme-isv.example");
        return planner.post("/api/v1/campaigns", campaign).path("id").asText();
    }

    private void preview(String campaignId) {
        JsonNode preview = planner.get("/api/v1/campaigns/" + campaignId + "/preview");
        JsonNode plan = preview.path("plan");
        List<String> waves = new ArrayList<>();
        plan.path("waves").forEach(w -> waves.add(w.path("kind").asText() + " " + w.path("size").asText()));
        out.printf("Preview: %s eligible, %s excluded %s; waves: %s.%n", preview.path("eligible").asText(),
                preview.path("excludedTotal").asText(), plan.path("excluded"), String.join(", ", waves));
    }

    private JsonNode follow(String campaignId, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Map<Integer, String> lastState = new LinkedHashMap<>();
        Map<Integer, Instant> lastPrinted = new LinkedHashMap<>();
        Map<Integer, Instant> waveStarted = new LinkedHashMap<>();
        JsonNode status;
        do {
            sleep(Duration.ofSeconds(1));
            status = planner.get("/api/v1/campaigns/" + campaignId);
            for (JsonNode wave : status.path("waves")) {
                int number = wave.path("number").asInt();
                String state = wave.path("state").asText();
                if (state.equals("PENDING")) {
                    continue;
                }
                waveStarted.putIfAbsent(number, clock.instant());
                // A line when a wave changes state, and every few seconds while it runs.
                Instant printed = lastPrinted.get(number);
                boolean changed = !state.equals(lastState.get(number));
                boolean due = state.equals("RUNNING") && (printed == null
                        || !clock.instant().isBefore(printed.plus(PROGRESS_EVERY)));
                if (changed || due) {
                    lastState.put(number, state);
                    lastPrinted.put(number, clock.instant());
                    out.println(progressLine(wave, waveStarted.get(number)));
                }
            }
        } while (!FINAL_STATES.contains(status.path("state").asText()) && clock.instant().isBefore(deadline));
        return status;
    }

    private String progressLine(JsonNode wave, Instant started) {
        JsonNode counts = wave.path("counts");
        long finished = wave.path("finished").asLong();
        long total = counts.path("total").asLong();
        long failed = counts.path("failed").asLong() + counts.path("timedOut").asLong();
        double seconds = Math.max(1, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        return String.format("  +%3ds  wave %d %-10s %-8s %5d/%-5d done  %4d failed  %6.1f orgs/s%s",
                Duration.between(scheduledAt, clock.instant()).toSeconds(), wave.path("number").asInt(), wave.path("kind").asText(), wave.path("state").asText(), finished, total,
                failed, finished / seconds,
                wave.path("stateReason").isMissingNode() || wave.path("stateReason").isNull() ? ""
                        : "  — " + wave.path("stateReason").asText());
    }

    /** Orgs outside the sandbox wave that the fleet saw a push of the target version for. */
    private long productionOrgsPushed(String campaignId, JsonNode status) {
        Set<Integer> sandboxWaves = new java.util.HashSet<>();
        status.path("waves").forEach(w -> {
            if (w.path("kind").asText().equals("SANDBOX")) {
                sandboxWaves.add(w.path("number").asInt());
            }
        });
        List<String> production = campaignOrgs(planner, campaignId).stream()
                .filter(org -> !sandboxWaves.contains(org.path("wave").asInt()))
                .map(org -> org.path("orgId").asText()).toList();
        return upshift.fleetWorld().orgStates(production).values().stream().filter(o -> o.pushJobs() > 0).count();
    }

    /** Every org target of a campaign, from the planner's paginated API. */
    public static List<JsonNode> campaignOrgs(ApiClient planner, String campaignId) {
        List<JsonNode> orgs = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = planner.get("/api/v1/campaigns/" + campaignId + "/orgs?limit=1000"
                    + (after == null ? "" : "&after=" + after));
            page.path("items").forEach(orgs::add);
            after = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
        } while (after != null);
        return orgs;
    }

    /** Waits until the notifier has nothing left to send for the campaign; returns emails sent by kind. */
    private Map<String, Long> awaitEmails(String campaignId, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Map<String, Long> sent = new LinkedHashMap<>();
        while (true) {
            JsonNode emails = notifier.get("/api/v1/campaigns/" + campaignId + "/emails").path("emails");
            sent.clear();
            long open = 0;
            for (var kind : emails.properties()) {
                sent.put(kind.getKey(), kind.getValue().path("SENT").asLong());
                // Reminders wait for their time (a day before a window that a halt left open): not "still to send".
                if (!kind.getKey().equals("reminder")) {
                    open += kind.getValue().path("PENDING").asLong() + kind.getValue().path("SENDING").asLong();
                }
            }
            boolean reported = sent.keySet().stream().anyMatch(k -> k.endsWith("-report"));
            if ((open == 0 && reported) || !clock.instant().isBefore(deadline)) {
                return sent;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
