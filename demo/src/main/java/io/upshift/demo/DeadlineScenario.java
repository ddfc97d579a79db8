package io.upshift.demo;

import io.upshift.fleet.generator.FleetOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The three deadline rollouts of issue #25 on the simulated fleet, in compressed real time (the
 * services run on the real clock; each scenario says what one of its seconds stands for):
 * <ul>
 * <li>{@code hotfix}: 2,400 orgs, urgent, inside one campaign-wide "6-hour" UTC window of 36 s that
 *     replaces the orgs' own windows; the deadline is the window's end. A 2 % canary, doubling waves,
 *     no soak, a gate; a second person approves the first wave.</li>
 * <li>{@code regulatory}: the ~800 European orgs of a 2,500-org fleet ({@code Europe/*}), urgent,
 *     done within "48 hours" (72 s).</li>
 * <li>{@code api-retirement}: 1,100 orgs, the normal notice, a deadline well after the projected
 *     finish: the slack.</li>
 * </ul>
 * Variants of the hotfix: a bad release (the canary trips the gate; the safety bound holds) and
 * at-risk (the approval comes late: the risk is raised before the deadline, orgs end DeadlinePassed).
 */
public final class DeadlineScenario {

    /** The fix, and the broken fix of the bad-release variant (every push of it fails Apex tests, see {@link #settings}). */
    public static final String FIX_VERSION = "4.2.1";
    public static final String BAD_FIX_VERSION = "4.2.2";
    static final List<String> VERSIONS = List.of("3.9.7", "4.0.3", "4.1.0", "4.1.2", "4.2.0", FIX_VERSION, BAD_FIX_VERSION);

    /** The hotfix's window opens this long after the campaign is created and lasts "6 hours": 1 s stands for 10 min. */
    public static final Duration HOTFIX_WINDOW_OPENS = Duration.ofSeconds(18);
    public static final Duration HOTFIX_WINDOW = Duration.ofSeconds(36);
    /** "48 hours" after the rule change: 1 s stands for 40 min. */
    public static final Duration REGULATORY_DEADLINE = Duration.ofSeconds(72);
    /** "Two weeks" before the API retirement: 1 s stands for 2 h. */
    public static final Duration RETIREMENT_DEADLINE = Duration.ofSeconds(168);
    /** The at-risk variant's approver comes this long before the deadline. */
    public static final Duration LATE_APPROVAL_BEFORE_DEADLINE = Duration.ofSeconds(6);

    /** The gate and the hotfix's cap: the blast-radius bound of the bad release is minimum finished + in-flight cap. */
    /**
     * The gate judges a wave continuously from this many finished orgs on. At the fleet's healthy ~1.5 %
     * failures, 20 let a noisy sample of a late wave cross 10 % now and then (3 of 27: a healthy regulatory
     * run halted in DeadlineEndToEndIT); 40 keep that rare, and the canaries are about that size.
     */
    public static final int GATE_MINIMUM_FINISHED = 40;
    public static final int GATE_THRESHOLD_PERCENT = DemoScenario.GATE_THRESHOLD_PERCENT;
    public static final int HOTFIX_MAX_IN_FLIGHT = 300;
    public static final int MAX_IN_FLIGHT = 100;

    static final String HOTFIX_REASON = "Hotfix for a revenue-rollup calculation error: dashboards show wrong revenue"
            + " figures until it is installed";
    static final String REGULATORY_REASON = "New GDPR retention rules: personal data must be purged on the new"
            + " schedule within 48 hours of the rule change";

    /** Which rollout. */
    public enum Kind {
        HOTFIX("hotfix", 2400, 25),
        REGULATORY("regulatory", 2500, 26),
        API_RETIREMENT("api-retirement", 1100, 27);

        private final String label;
        private final int orgs;
        private final long seed;

        Kind(String label, int orgs, long seed) {
            this.label = label;
            this.orgs = orgs;
            this.seed = seed;
        }

        public String label() {
            return label;
        }

        public static Kind named(String name) {
            for (Kind kind : values()) {
                if (kind.label.equals(name.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + name + "': hotfix, regulatory or api-retirement");
        }
    }

    /**
     * @param badRelease hotfix only: the fix itself is broken; the canary trips the gate
     * @param atRisk hotfix only: the approver comes late; the risk shows before the deadline
     * @param orgs fleet size
     * @param seed the fleet's seed: different seeds give disjoint org ids, so runs can share a stack
     * @param run keeps this run's package apart from other runs on the same stack
     */
    public record Options(Kind kind, boolean badRelease, boolean atRisk, int orgs, long seed, int run) {

        public Options {
            if ((badRelease || atRisk) && kind != Kind.HOTFIX) {
                throw new IllegalArgumentException("--bad-release and --at-risk are variants of the hotfix scenario");
            }
            if (badRelease && atRisk) {
                throw new IllegalArgumentException("choose one of --bad-release and --at-risk");
            }
        }

        public static Options of(Kind kind) {
            return new Options(kind, false, false, kind.orgs, kind.seed, 200 + kind.ordinal());
        }

        public Options withBadRelease() {
            return new Options(kind, true, false, orgs, seed, run);
        }

        public Options withAtRisk() {
            return new Options(kind, false, true, orgs, seed, run);
        }

        public Options withOrgs(int count) {
            return new Options(kind, badRelease, atRisk, count, seed, run);
        }

        public Options withSeed(long newSeed) {
            return new Options(kind, badRelease, atRisk, orgs, newSeed, run);
        }

        public Options withRun(int number) {
            return new Options(kind, badRelease, atRisk, orgs, seed, number);
        }

        public String packageId() {
            return String.format("033Dl%010d", run);
        }

        String versionId(int index) {
            return String.format("04tDl%08d%02d", run, index);
        }

        /**
         * The simulated fleet. The hotfix keeps the orgs' realistic windows (nights, weekends): its
         * campaign window replaces them. The others run in compressed time, where only always-open
         * windows fit.
         */
        public FleetOptions fleet() {
            FleetOptions fleet = FleetOptions.defaults(orgs, seed);
            return kind == Kind.HOTFIX ? fleet : fleet.withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN);
        }

        public String targetVersion() {
            return badRelease ? BAD_FIX_VERSION : FIX_VERSION;
        }

        public String label() {
            return kind.label + (badRelease ? " --bad-release" : atRisk ? " --at-risk" : "");
        }
    }

    /**
     * The demo's services (a 5-second minimum notice, quick loops, short pushes), windows of a few
     * seconds worth planning, and a broken fix:
     * every push of {@link #BAD_FIX_VERSION} fails Apex tests. Keyed by version rather than by pod as
     * the default demo's bad release is, so that a stack can run the good scenarios beside it.
     */
    public static LocalUpshift.Settings settings(long seed, int executors) {
        return DemoScenario.settings(DemoScenario.Options.defaults().withSeed(seed), executors)
                // compressed time: the shortest stretch of a window worth planning, 30 minutes by default,
                // is 3 s at the hotfix's 1 s = 10 minutes; else every window cut to fit the deadline is too short
                .withPlanner(Map.of("upshift.planner.planning.minimum-window", "3s"))
                .withExecutor(Map.of("upshift.executor.simulated.failures.versions.[" + BAD_FIX_VERSION
                        + "].ApexTestFailure", "1.0"))
                // an urgent campaign's first wave waits for a second person: the approvers are emailed
                .withNotifier(Map.of("upshift.notifier.approver-recipients", APPROVERS));
    }

    /** Who is emailed when a wave waits for approval. */
    public static final String APPROVERS = "approvers@acme-isv.example";

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final CampaignScript script;
    private final ApiClient planner;
    private final ApiClient approver;

    public DeadlineScenario(LocalUpshift upshift, Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.script = new CampaignScript(upshift, out, clock);
        // Two people: the release manager creates and schedules, a second person approves the first
        // wave of an urgent campaign (four eyes).
        this.planner = script.plannerAs("release-manager-" + options.run(), "OPERATOR");
        this.approver = script.plannerAs("approver-" + options.run(), "APPROVER");
    }

    public ApiClient planner() {
        return planner;
    }

    /** Runs the scenario until the campaign ends (or the deadline plus {@code grace} passes) and reports. */
    public DeadlineResult run(Duration grace) {
        String packageId = options.packageId();
        script.registerPackage(packageId, packageName(), "acme", VERSIONS, options::versionId);
        script.importFleet(packageId, options.fleet());
        Instant created = clock.instant();
        Timing timing = Timing.of(options.kind(), created);
        Map<String, Object> body = campaignBody(options, packageId, timing);
        String campaignId = planner.post("/api/v1/campaigns", body).path("id").asText();
        JsonNode preview = script.preview(planner, campaignId);
        Instant projectedFinish = DeadlineSummary.printFit(out, preview, timing.deadline());
        planner.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        Instant scheduledAt = clock.instant();
        out.println(DeadlineSummary.scheduledLine(options, campaignId, scheduledAt, timing));

        Watch watch = new Watch(campaignId, timing.deadline(), scheduledAt);
        Duration timeout = Duration.between(clock.instant(), timing.deadline()).plus(grace);
        JsonNode status = script.follow(planner, campaignId, timeout, scheduledAt, watch::poll);
        if (!status.path("state").asText().equals("COMPLETED") && waiting(status) > 0) {
            status = awaitDeadline(campaignId, status, timing.deadline(), scheduledAt);
        }
        Instant endedAt = clock.instant();

        List<JsonNode> orgs = CampaignScript.campaignOrgs(planner, campaignId);
        JsonNode report = optional(() -> planner.get("/api/v1/campaigns/" + campaignId + "/deadline-report"));
        String reportCsv = optional(() -> planner.getText("/api/v1/campaigns/" + campaignId
                + "/deadline-report?format=csv"));
        var pushStarts = script.fleetWorld().pushStarts(orgs.stream().map(o -> o.path("orgId").asText()).toList());
        return new DeadlineResult(options, campaignId, packageId, body, timing.windowStart(), timing.deadline(),
                scheduledAt, endedAt, preview, projectedFinish, status, watch.atRiskAt, watch.atRiskStatus,
                watch.approvedAt, orgs, pushStarts, report, reportCsv,
                script.productionOrgsPushed(planner, campaignId, status));
    }

    /**
     * A campaign halted (or canceled) before its deadline leaves orgs waiting; they wait for a resume
     * until the deadline, which cancels them (DeadlinePassed). Waits for that, so that the result and
     * the report show where every org ended.
     */
    private JsonNode awaitDeadline(String campaignId, JsonNode status, Instant deadline, Instant since) {
        out.printf("  +%3ds  %s with %d orgs waiting: they wait until the deadline (in %d s) cancels them%n",
                Duration.between(since, clock.instant()).toSeconds(), status.path("state").asText(), waiting(status),
                Math.max(0, Duration.between(clock.instant(), deadline).toSeconds()));
        Instant giveUp = deadline.plusSeconds(20);
        while (clock.instant().isBefore(giveUp) && (clock.instant().isBefore(deadline) || waiting(status) > 0)) {
            CampaignScript.sleep(Duration.ofSeconds(1));
            status = planner.get("/api/v1/campaigns/" + campaignId);
        }
        out.printf("  +%3ds  past the deadline: %d orgs waiting%n", Duration.between(since, clock.instant()).toSeconds(),
                waiting(status));
        return status;
    }

    private static long waiting(JsonNode status) {
        return status.path("counts").path("PLANNED").asLong() + status.path("counts").path("NOTIFIED").asLong();
    }

    /** When the campaign may run: the hotfix's window (start inclusive, end = deadline), or only a deadline. */
    record Timing(Instant windowStart, Instant deadline) {

        static Timing of(Kind kind, Instant created) {
            return switch (kind) {
                case HOTFIX -> {
                    // Whole seconds: the window is local times of day, its end is the deadline to the second.
                    Instant start = created.plus(HOTFIX_WINDOW_OPENS).truncatedTo(ChronoUnit.SECONDS);
                    yield new Timing(start, start.plus(HOTFIX_WINDOW));
                }
                case REGULATORY -> new Timing(null, created.plus(REGULATORY_DEADLINE).truncatedTo(ChronoUnit.SECONDS));
                case API_RETIREMENT -> new Timing(null, created.plus(RETIREMENT_DEADLINE).truncatedTo(ChronoUnit.SECONDS));
            };
        }
    }

    private String packageName() {
        return switch (options.kind()) {
            case HOTFIX -> "Acme Revenue Dashboards";
            case REGULATORY -> "Acme Compliance";
            case API_RETIREMENT -> "Acme ERP Connector";
        };
    }

    /** The campaign as the release manager sends it (the README shows these bodies). */
    static Map<String, Object> campaignBody(Options options, String packageId, Timing timing) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        Map<String, Object> schedule = new LinkedHashMap<>();
        Map<String, Object> pacing = new LinkedHashMap<>();
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", options.targetVersion());
        switch (options.kind()) {
            case HOTFIX -> {
                campaign.put("name", "Revenue rollup hotfix " + options.targetVersion()
                        + (options.badRelease() ? " (bad release)" : options.atRisk() ? " (late approval)" : ""));
                campaign.put("strategy", Map.of("sandboxesFirst", false, "canary", Map.of("percent", 2),
                        "ramp", Map.of("type", "DOUBLING"), "minimumWaveDuration", "PT0S"));
                schedule.put("noticePeriod", "PT2S");
                schedule.put("urgency", Map.of("reason", HOTFIX_REASON));
                LocalTime start = LocalTime.ofInstant(timing.windowStart(), ZoneOffset.UTC);
                // every day, in UTC; an end before the start (a window across midnight) runs past midnight
                schedule.put("campaignWindow", Map.of("start", start.toString(),
                        "end", start.plus(HOTFIX_WINDOW).toString(), "timeZone", "UTC", "mode", "INSTEAD_OF_ORG_WINDOWS"));
                pacing.put("maxInFlight", HOTFIX_MAX_IN_FLIGHT);
            }
            case REGULATORY -> {
                campaign.put("name", "GDPR retention rules " + options.targetVersion());
                campaign.put("selection", Map.of("timeZones", List.of("Europe/*")));
                campaign.put("strategy", Map.of("canary", Map.of("percent", 5), "ramp", Map.of("type", "DOUBLING")));
                schedule.put("noticePeriod", "PT2S");
                schedule.put("urgency", Map.of("reason", REGULATORY_REASON));
                pacing.put("maxInFlight", MAX_IN_FLIGHT);
            }
            case API_RETIREMENT -> {
                campaign.put("name", "ERP connector on the new API version " + options.targetVersion());
                campaign.put("strategy", Map.of("sandboxesFirst", true, "canary", Map.of("percent", 5),
                        "ramp", Map.of("type", "DOUBLING")));
                schedule.put("noticePeriod", "PT5S");
                pacing.put("maxInFlight", MAX_IN_FLIGHT);
            }
        }
        schedule.put("deadline", timing.deadline().toString());
        pacing.put("expectedUpgradeDuration", "PT2S");
        campaign.put("schedule", schedule);
        campaign.put("pacing", pacing);
        campaign.put("gate", Map.of("failureThresholdPercent", GATE_THRESHOLD_PERCENT,
                "minimumFinished", GATE_MINIMUM_FINISHED));
        campaign.put("orgTimeout", "PT1M");
        campaign.put("supportContact", "support@acme-isv.example");
        return campaign;
    }

    /** What the follow loop watches besides the waves: the approval to give, the risk to the deadline. */
    private final class Watch {
        private final String campaignId;
        private final Instant deadline;
        private final Instant since;
        Instant atRiskAt;
        JsonNode atRiskStatus;
        Instant approvedAt;
        private boolean waitingSaid;
        private boolean atRiskShown;

        Watch(String campaignId, Instant deadline, Instant since) {
            this.campaignId = campaignId;
            this.deadline = deadline;
            this.since = since;
        }

        void poll(JsonNode status) {
            Instant now = clock.instant();
            boolean atRisk = status.path("atRisk").asBoolean(false);
            if (atRisk && !atRiskShown) {
                atRiskShown = true;
                if (atRiskAt == null) {
                    atRiskAt = now;
                    atRiskStatus = status;
                }
                out.println(DeadlineSummary.atRiskLine(status, seconds(now), deadline));
            } else if (!atRisk && atRiskShown && !CampaignScript.FINAL_STATES.contains(status.path("state").asText())) {
                atRiskShown = false;
                out.printf("  +%3ds  back on track: projected finish %s%n", seconds(now), status.path("projectedFinish").asText("-"));
            }
            for (JsonNode wave : status.path("waves")) {
                if (!wave.path("awaitingApproval").asBoolean(false) || approvedAt != null) {
                    continue;
                }
                int number = wave.path("number").asInt();
                boolean late = options.atRisk() && now.isBefore(deadline.minus(LATE_APPROVAL_BEFORE_DEADLINE));
                if (late) {
                    if (!waitingSaid) {
                        waitingSaid = true;
                        out.printf("  +%3ds  wave %d waits for a second person's approval; the approver is away until"
                                + " %d s before the deadline%n", seconds(now), number, LATE_APPROVAL_BEFORE_DEADLINE.toSeconds());
                    }
                    continue;
                }
                approver.post("/api/v1/campaigns/" + campaignId + "/approve", Map.of("wave", number));
                approvedAt = clock.instant();
                out.printf("  +%3ds  wave %d approved by a second person (APPROVER key %s): urgent campaigns need four eyes%n",
                        seconds(approvedAt), number, "approver-" + options.run());
            }
        }

        private long seconds(Instant at) {
            return Duration.between(since, at).toSeconds();
        }
    }

    private static <T> T optional(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiClient.ApiException e) {
            return null;
        }
    }
}
