package io.upshift.demo;

import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.FleetOptions.Weighted;
import java.io.PrintStream;
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
 * {@code ./upshift run --scenario train}: a two-package release train (#22) on the simulated fleet.
 * Acme Billing 4.2.1 is the base tier; Acme Billing Extras 2.0.0 needs Billing 4.2.0 or later in each
 * org. Billing 4.2.1 fails Apex tests in a share of the orgs (the same orgs whatever the order): in
 * exactly those the Extras push is skipped ({@code DependencyNotMet}), never attempted — the simulated
 * fleet would fail it with {@code FeatureMissing}, as Salesforce does over a base too old — and it
 * succeeds everywhere else, each org's Extras push released only after its Billing push succeeded.
 */
public final class TrainScenario {

    public static final String BASE_TARGET = "4.2.1";
    public static final String EXTRAS_TARGET = "2.0.0";
    public static final String EXTRAS_NEEDS = "4.2.0";
    /** The share of orgs where Billing 4.2.1 fails (permanently: Apex tests). */
    public static final double BASE_FAILURE_RATE = 0.08;
    static final List<String> BASE_VERSIONS = List.of("4.1.0", "4.1.2", "4.2.0", BASE_TARGET);
    static final List<String> EXTRAS_VERSIONS = List.of("1.9.0", EXTRAS_TARGET);

    /**
     * @param orgs fleet size
     * @param seed the fleet's and the failures' seed
     * @param run keeps this run's packages apart from other runs on the same stack
     */
    public record Options(int orgs, long seed, int run) {

        public static Options defaults() {
            return new Options(400, 1, 1);
        }

        public String basePackageId() {
            return String.format("033Tr%010d", run * 2);
        }

        public String extrasPackageId() {
            return String.format("033Tr%010d", run * 2 + 1);
        }

        String versionId(String packageId, int index) {
            return String.format("04tTr%08d%02d", Integer.parseInt(packageId.substring(5)), index);
        }
    }

    /** What the train did, for the summary and the tests. */
    public record Result(String trainId, String baseCampaignId, String extrasCampaignId, JsonNode train,
            List<JsonNode> baseOrgs, List<JsonNode> extrasOrgs, int approvals) {

        public String state() {
            return train.path("state").asText();
        }
    }

    /** The demo's quick settings, the base failing in a share of the orgs, and the Extras' own fleet world. */
    public static LocalUpshift.Settings settings(Options options, int executors) {
        Map<String, String> executor = new LinkedHashMap<>();
        executor.put("upshift.executor.simulated.seed", String.valueOf(options.seed()));
        executor.put("upshift.executor.simulated.latency.median", "200ms");
        executor.put("upshift.executor.simulated.latency.p99", "1s");
        executor.put("upshift.executor.simulated.latency.max", "2s");
        executor.put("upshift.executor.simulated.failures.versions.[" + BASE_TARGET + "].ApexTestFailure",
                String.valueOf(BASE_FAILURE_RATE));
        String extras = "upshift.executor.simulated.packages.[" + options.extrasPackageId() + "].";
        executor.put(extras + "schema", "fleet_extras_" + options.run());
        executor.put(extras + "requires.package-id", options.basePackageId());
        executor.put(extras + "requires.name", "Acme Billing");
        executor.put(extras + "requires.minimum-version", EXTRAS_NEEDS);
        return LocalUpshift.Settings.of(executors)
                .withPlanner(Map.of("upshift.planner.dispatch.interval", "250ms",
                        "upshift.planner.planning.minimum-notice-period", "5s",
                        "upshift.planner.trains.interval", "500ms"))
                .withExecutor(executor)
                .withNotifier(Map.of("upshift.notifier.delivery.rate-per-second", "1000",
                        "upshift.notifier.publisher-recipients", "release-team@acme-isv.example"));
    }

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final CampaignScript script;
    private final ApiClient planner;
    private final ApiClient approver;
    /** How many times the approver approved the train (each approval starts the waiting wave of every tier). */
    private int approvals;

    public TrainScenario(LocalUpshift upshift, Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.script = new CampaignScript(upshift, out, clock);
        this.planner = script.plannerAs("release-manager-train-" + options.run(), "OPERATOR");
        this.approver = script.plannerAs("approver-train-" + options.run(), "APPROVER");
    }

    public Result run(Duration timeout) {
        String base = options.basePackageId();
        String extras = options.extrasPackageId();
        script.registerPackage(base, "Acme Billing", "acme", BASE_VERSIONS, i -> options.versionId(base, i));
        script.registerPackage(extras, "Acme Billing Extras", "acmex", EXTRAS_VERSIONS, i -> options.versionId(extras, i));
        // the same orgs (same seed) have both packages: Billing 4.1.x, Extras 1.9.0
        FleetOptions fleet = FleetOptions.defaults(options.orgs(), options.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN).withBeta(null, 0).withNotInstalledShare(0);
        script.importFleet(base, fleet.withInstalledVersions(List.of(new Weighted("4.1.0", 40), new Weighted("4.1.2", 60))));
        script.importFleet(extras, fleet.withInstalledVersions(List.of(new Weighted("1.9.0", 1))));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Billing " + BASE_TARGET + " + Extras " + EXTRAS_TARGET);
        body.put("tiers", List.of(
                Map.of("campaign", campaign("Acme Billing " + BASE_TARGET, base, BASE_TARGET)),
                Map.of("campaign", campaign("Acme Billing Extras " + EXTRAS_TARGET, extras, EXTRAS_TARGET),
                        "requires", Map.of("packageId", base, "minimumVersion", EXTRAS_NEEDS))));
        JsonNode train = planner.post("/api/v1/trains", body);
        String trainId = train.path("trainId").asText();
        String baseCampaign = train.path("tiers").get(0).path("campaignId").asText();
        String extrasCampaign = train.path("tiers").get(1).path("campaignId").asText();
        out.printf("Created train %s: tier 1 %s (campaign %s), tier 2 %s needs Billing ≥ %s (campaign %s).%n", trainId,
                "Billing " + BASE_TARGET, baseCampaign, "Extras " + EXTRAS_TARGET, EXTRAS_NEEDS, extrasCampaign);
        printPreview(planner.get("/api/v1/trains/" + trainId + "/preview"));

        planner.post("/api/v1/trains/" + trainId + "/schedule", Map.of());
        Instant scheduledAt = clock.instant();
        out.println("Scheduled the train: notices go out now, both tiers start in 5 s; each org's Extras push waits for"
                + " its Billing push.");
        JsonNode last = follow(trainId, timeout, scheduledAt);
        out.printf("The approver approved the train %d times (each start of a wave that waited, in every tier at once).%n",
                approvals);
        return new Result(trainId, baseCampaign, extrasCampaign, last, CampaignScript.campaignOrgs(planner, baseCampaign),
                CampaignScript.campaignOrgs(planner, extrasCampaign), approvals);
    }

    static Map<String, Object> campaign(String name, String packageId, String target) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", name);
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", target);
        // every wave waits for a second person: one approval of the train starts the waiting wave of each tier
        campaign.put("strategy", Map.of("canary", Map.of("percent", 10), "ramp", Map.of("type", "DOUBLING"),
                "approvalRequired", true));
        campaign.put("schedule", Map.of("noticePeriod", "PT5S"));
        campaign.put("pacing", Map.of("maxInFlight", 60, "expectedUpgradeDuration", "PT1S"));
        // the base's failures (8 %) are expected in this train: the gate watches for a bad release, above 30 %
        campaign.put("gate", Map.of("failureThresholdPercent", 30, "minimumFinished", 20));
        campaign.put("orgTimeout", "PT1M");
        campaign.put("supportContact", "support@acme-isv.example");
        return campaign;
    }

    private void printPreview(JsonNode preview) {
        for (JsonNode tier : preview.path("tiers")) {
            List<String> waves = new ArrayList<>();
            tier.path("plan").path("waves").forEach(w -> waves.add(w.path("kind").asText() + " " + w.path("size").asText()));
            out.printf("Preview tier %d (%s %s): %s eligible; waves: %s.%n", tier.path("position").asInt(),
                    tier.path("packageId").asText(), tier.path("targetVersion").asText(),
                    tier.path("plan").path("eligible").asText(), String.join(", ", waves));
            JsonNode d = tier.path("dependency");
            if (!d.isMissingNode() && !d.isNull()) {
                out.printf("  needs %s ≥ %s (tier %d): %d met already, %d wait for tier %d, %s skipped as %s%n",
                        d.path("requiresPackageId").asText(), d.path("minimumVersion").asText(), d.path("baseTier").asInt(),
                        d.path("alreadyMet").asLong(), d.path("awaitingBase").asLong(), d.path("baseTier").asInt(),
                        d.path("excluded").path("DEPENDENCY_NOT_MET").asText(), "DEPENDENCY_NOT_MET");
            }
        }
    }

    /** Polls the train until every tier is final, printing a line per tier when its state or counts change. */
    private JsonNode follow(String trainId, Duration timeout, Instant since) {
        Instant deadline = clock.instant().plus(timeout);
        Map<Integer, String> last = new LinkedHashMap<>();
        approvals = 0;
        while (true) {
            JsonNode train = planner.get("/api/v1/trains/" + trainId);
            boolean done = true;
            for (JsonNode tier : train.path("tiers")) {
                String state = tier.path("state").asText();
                JsonNode c = tier.path("counts");
                String line = String.format("  +%3ds  tier %d %-22s %-9s %4d succeeded %4d failed %4d skipped (%d DependencyNotMet) %4d waiting",
                        Duration.between(since, clock.instant()).toSeconds(), tier.path("position").asInt(),
                        tier.path("name").asText(), state, c.path("succeeded").asInt(),
                        c.path("failed").asInt() + c.path("timedOut").asInt(),
                        c.path("canceled").asInt() + c.path("skipped").asInt(), tier.path("dependencyNotMet").asInt(),
                        c.path("pending").asInt() + c.path("dispatched").asInt());
                String key = line.substring(line.indexOf("tier"));
                if (!key.equals(last.get(tier.path("position").asInt()))) {
                    out.println(line);
                    last.put(tier.path("position").asInt(), key);
                }
                done &= CampaignScript.FINAL_STATES.contains(state) || state.equals("HALTED");
            }
            // a train whose waves wait for approval: the approver approves it once for every tier
            if (!done && anyAwaitsApproval(train)) {
                approver.post("/api/v1/trains/" + trainId + "/approve", Map.of());
                approvals++;
            }
            if (done || !clock.instant().isBefore(deadline)) {
                return train;
            }
            CampaignScript.sleep(Duration.ofSeconds(1));
        }
    }

    private boolean anyAwaitsApproval(JsonNode train) {
        for (JsonNode tier : train.path("tiers")) {
            JsonNode campaign = planner.get("/api/v1/campaigns/" + tier.path("campaignId").asText());
            for (JsonNode wave : campaign.path("waves")) {
                if (wave.path("awaitingApproval").asBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Prints what happened per tier, and the per-org check of the train's rule. */
    public static void printSummary(PrintStream out, Result result) {
        out.println();
        out.println("Train " + result.trainId() + " " + result.state());
        for (JsonNode tier : result.train().path("tiers")) {
            JsonNode c = tier.path("counts");
            out.printf("  tier %d %-24s %-9s succeeded %d, failed %d, canceled %d (DependencyNotMet %d), skipped %d%s%n",
                    tier.path("position").asInt(), tier.path("name").asText(), tier.path("state").asText(),
                    c.path("succeeded").asInt(), c.path("failed").asInt() + c.path("timedOut").asInt(),
                    c.path("canceled").asInt(), tier.path("dependencyNotMet").asInt(), c.path("skipped").asInt(),
                    tier.path("stateReason").isNull() || tier.path("stateReason").isMissingNode() ? ""
                            : " — " + tier.path("stateReason").asText());
        }
        Set<String> baseFailed = orgs(result.baseOrgs(), "FAILED");
        Set<String> skipped = new java.util.HashSet<>();
        result.extrasOrgs().stream().filter(o -> "DependencyNotMet".equals(o.path("errorCode").asText()))
                .forEach(o -> skipped.add(o.path("orgId").asText()));
        out.printf("  Billing failed in %d orgs; Extras skipped (DependencyNotMet) in %d orgs: %s%n", baseFailed.size(),
                skipped.size(), skipped.equals(baseFailed) ? "exactly those" : "NOT the same orgs");
    }

    /**
     * Both tiers completed, Billing failed somewhere, the Extras were skipped in exactly those orgs and
     * succeeded in all the others.
     */
    public static boolean asIntended(Result result) {
        Set<String> baseFailed = orgs(result.baseOrgs(), "FAILED");
        Set<String> skipped = new java.util.HashSet<>();
        result.extrasOrgs().stream().filter(o -> "DependencyNotMet".equals(o.path("errorCode").asText()))
                .forEach(o -> skipped.add(o.path("orgId").asText()));
        boolean tiersCompleted = true;
        for (JsonNode tier : result.train().path("tiers")) {
            tiersCompleted &= tier.path("state").asText().equals("COMPLETED");
        }
        return tiersCompleted && !baseFailed.isEmpty() && skipped.equals(baseFailed)
                && orgs(result.extrasOrgs(), "SUCCEEDED").size() + skipped.size() == result.extrasOrgs().size();
    }

    static Set<String> orgs(List<JsonNode> orgs, String state) {
        Set<String> ids = new java.util.HashSet<>();
        orgs.stream().filter(o -> o.path("state").asText().equals(state)).forEach(o -> ids.add(o.path("orgId").asText()));
        return ids;
    }
}
