package io.upshift.resilience;

import io.upshift.demo.ApiClient;
import io.upshift.demo.DemoScenario;
import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A push campaign over a simulated fleet, driven through the planner's REST API as a release
 * manager's script would, in compressed time: a package with its versions, a fleet imported as
 * CSV, sandboxes first, a 5 % canary, doubling waves, a gate, a 5-second notice period and
 * always-open maintenance windows. A test starts it, waits for the point where it injects its
 * fault, and then waits for the end.
 */
final class FaultCampaign {

    static final String TARGET_VERSION = "4.2.1";
    private static final List<String> VERSIONS = List.of("3.9.7", "4.0.3", "4.1.0", "4.1.2", "4.2.0", TARGET_VERSION);
    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "HALTED", "CANCELED");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(FaultCampaign.class);

    /**
     * @param orgs fleet size
     * @param seed the fleet generator's seed: a different seed gives different org ids, so campaigns
     *        on one stack do not share orgs
     * @param run keeps this campaign's package apart from every other on the stack
     * @param maxInFlight the campaign's global in-flight cap
     */
    record Options(int orgs, long seed, int run, int maxInFlight) {

        static Options of(int orgs, int run) {
            return new Options(orgs, 1000L + run, run, 400);
        }

        Options withMaxInFlight(int cap) {
            return new Options(orgs, seed, run, cap);
        }

        String packageId() {
            return String.format("033Fa%010d", run);
        }

        String versionId(int index) {
            return String.format("04tFa%08d%02d", run, index);
        }
    }

    /** The ADMIN registers the package and imports the fleet; the OPERATOR runs the campaign. */
    private final ApiClient admin;
    private final ApiClient planner;
    private final Options options;
    private String campaignId;
    private long eligible;

    FaultCampaign(ApiClient admin, ApiClient planner, Options options) {
        this.admin = admin;
        this.planner = planner;
        this.options = options;
    }

    String id() {
        return campaignId;
    }

    Options options() {
        return options;
    }

    /** Orgs the preview found eligible: the ones that must each end in exactly one terminal state. */
    long eligible() {
        return eligible;
    }

    /** Registers the package, imports the fleet, creates, previews and schedules the campaign. */
    FaultCampaign schedule() {
        registerPackage();
        importFleet();
        campaignId = planner.post("/api/v1/campaigns", definition()).path("id").asText();
        JsonNode preview = planner.get("/api/v1/campaigns/" + campaignId + "/preview");
        eligible = preview.path("eligible").asLong();
        planner.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        log.info("campaign {} ({}): scheduled, {} orgs eligible", options.run(), campaignId, eligible);
        return this;
    }

    JsonNode status() {
        return planner.get("/api/v1/campaigns/" + campaignId);
    }

    /** Orgs in a terminal state so far (from the campaign's counts). */
    static long finished(JsonNode status) {
        JsonNode counts = status.path("counts");
        return counts.path("SUCCEEDED").asLong() + counts.path("FAILED").asLong() + counts.path("SKIPPED").asLong()
                + counts.path("CANCELED").asLong() + counts.path("TIMED_OUT").asLong();
    }

    /** Waits until this many orgs (a share of the eligible ones) have finished: the middle of the campaign. */
    JsonNode awaitFinished(double share, Duration timeout) {
        long wanted = Math.round(eligible * share);
        return await("at least " + wanted + " orgs finished", s -> finished(s) >= wanted, timeout);
    }

    /** Waits until the campaign has released this many commands (dispatched or finished). */
    JsonNode awaitDispatched(long wanted, Duration timeout) {
        return await("at least " + wanted + " orgs released", s -> finished(s)
                + s.path("counts").path("DISPATCHED").asLong() >= wanted, timeout);
    }

    /** Waits for a final state and returns the final status. */
    JsonNode awaitEnd(Duration timeout) {
        return await("a final state", s -> FINAL_STATES.contains(s.path("state").asText()), timeout);
    }

    JsonNode await(String what, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        RuntimeException lastError = null;
        long lastLog = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = status();
                lastError = null;
                if (condition.test(status)) {
                    log.info("campaign {}: {} — {}", options.run(), what, summary(status));
                    return status;
                }
                if (System.nanoTime() - lastLog > PROGRESS_EVERY.toNanos()) {
                    lastLog = System.nanoTime();
                    log.info("campaign {}: {}", options.run(), summary(status));
                }
            } catch (ApiClient.ApiException e) {
                // the planner may be restarting (a fault under test): keep asking until the deadline
                lastError = e;
            }
            ServiceProcess.pause(POLL);
        }
        throw new AssertionError("campaign " + campaignId + ": no " + what + " within " + timeout + "; last status: "
                + (status == null ? null : summary(status)), lastError);
    }

    /** Every org target of the campaign (the planner's paginated list). */
    List<JsonNode> orgs() {
        return DemoScenario.campaignOrgs(planner, campaignId);
    }

    static String summary(JsonNode status) {
        List<String> waves = new ArrayList<>();
        status.path("waves").forEach(w -> waves.add(w.path("number").asText() + ":" + w.path("state").asText()
                + "(" + w.path("finished").asText() + "/" + w.path("counts").path("total").asText() + ")"));
        return status.path("state").asText() + " " + status.path("counts") + " waves " + waves;
    }

    private void registerPackage() {
        admin.post("/api/v1/packages", Map.of("packageId", options.packageId(), "name", "Fault Billing " + options.run(),
                "namespace", "flt" + options.run()));
        for (int i = 0; i < VERSIONS.size(); i++) {
            admin.post("/api/v1/packages/" + options.packageId() + "/versions", Map.of(
                    "versionId", options.versionId(i), "version", VERSIONS.get(i), "releaseState", "RELEASED",
                    "releaseNotesUrl", "https://acme-isv.example/billing/releases/" + VERSIONS.get(i)));
        }
    }

    private void importFleet() {
        FleetOptions fleet = FleetOptions.defaults(options.orgs(), options.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN);
        try {
            Path csv = Files.createTempFile("upshift-fault-fleet", ".csv");
            try {
                try (OutputStream file = Files.newOutputStream(csv)) {
                    FleetCsv.write(new FleetGenerator(fleet).stream(), file);
                }
                admin.postFile("/api/v1/packages/" + options.packageId() + "/subscribers/import", csv, "text/csv");
            } finally {
                Files.deleteIfExists(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> definition() {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Fault test " + options.run() + ": " + TARGET_VERSION + " to " + options.orgs() + " orgs");
        campaign.put("packageId", options.packageId());
        campaign.put("targetVersion", TARGET_VERSION);
        campaign.put("strategy", Map.of("sandboxesFirst", true, "canary", Map.of("percent", 5),
                "ramp", Map.of("type", "DOUBLING")));
        campaign.put("schedule", Map.of("noticePeriod", "PT5S"));
        campaign.put("pacing", Map.of("maxInFlight", options.maxInFlight(),
                "maxInFlightPerInstance", Math.max(40, options.maxInFlight() / 3), "expectedUpgradeDuration", "PT1S"));
        // A sample of 50 before a wave is judged: with the fleet's failure rate near 1 %, a wave judged on
        // its first 20 finished still halted now and then (3 of 20 failed, after a broker restart) — the
        // gate working as designed, but not the fault under test.
        campaign.put("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", 50));
        // Long enough that no org times out in the planner while a fault holds everything up.
        campaign.put("orgTimeout", "PT15M");
        campaign.put("supportContact", "support@acme-isv.example");
        return campaign;
    }
}
