package io.upshift.demo;

import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.world.WorldReport;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    static final Set<String> FINAL_STATES = CampaignScript.FINAL_STATES;

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

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final CampaignScript script;
    private final ApiClient planner;

    public DemoScenario(LocalUpshift upshift, Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.script = new CampaignScript(upshift, out, clock);
        // The release manager's script works with an OPERATOR key; registering packages and importing
        // the fleet takes the ADMIN key.
        this.planner = script.plannerAs("release-manager-" + options.run(), "OPERATOR");
    }

    public ApiClient planner() {
        return planner;
    }

    /** Runs the campaign to a final state and reports what happened. */
    public DemoResult run(Duration timeout) {
        String packageId = options.packageId();
        script.registerPackage(packageId, "Acme Billing", "acme", VERSIONS, options::versionId);
        script.importFleet(packageId, FleetOptions.defaults(options.orgs(), options.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN));
        String campaignId = createCampaign(packageId);
        script.preview(planner, campaignId);
        planner.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        Instant scheduledAt = clock.instant();
        out.printf("Scheduled campaign %s: notices go out now, the first wave starts in 5 s.%n", campaignId);
        JsonNode status = script.follow(planner, campaignId, timeout, scheduledAt, s -> { });
        Map<String, Long> emails = script.awaitEmails(campaignId, Duration.ofSeconds(90));
        WorldReport world = script.fleetWorld().report();
        return new DemoResult(campaignId, packageId, status, emails, world,
                script.productionOrgsPushed(planner, campaignId, status));
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

    /** Every org target of a campaign, from the planner's paginated API. */
    public static List<JsonNode> campaignOrgs(ApiClient planner, String campaignId) {
        return CampaignScript.campaignOrgs(planner, campaignId);
    }
}
