package io.upshift.demo;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The steps every demo campaign takes through the planner's REST API, as a release manager's script
 * would: register a package and its versions, import a simulated fleet as CSV, preview, follow the
 * campaign with a progress line per wave, wait for the mail. {@link DemoScenario} and
 * {@link DeadlineScenario} differ only in the campaign they create and what they watch for.
 */
final class CampaignScript {

    static final Set<String> FINAL_STATES = Set.of("COMPLETED", "HALTED", "CANCELED");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final LocalUpshift upshift;
    private final PrintStream out;
    private final Clock clock;
    private final ApiClient admin;
    private final ApiClient notifier;

    CampaignScript(LocalUpshift upshift, PrintStream out, Clock clock) {
        this.upshift = upshift;
        this.out = out;
        this.clock = clock;
        // Registering packages and importing the fleet takes the ADMIN key; campaigns an OPERATOR's.
        this.admin = upshift.plannerAsAdmin();
        this.notifier = upshift.notifierAsAdmin();
    }

    ApiClient admin() {
        return admin;
    }

    io.upshift.fleet.world.FleetWorld fleetWorld() {
        return upshift.fleetWorld();
    }

    /** A client of the planner holding a new key with these roles; the key's name is who the planner records. */
    ApiClient plannerAs(String keyName, String... roles) {
        return admin.as(admin.createKey(keyName + "-" + clock.millis(), roles));
    }

    void registerPackage(String packageId, String name, String namespace, List<String> versions,
            java.util.function.IntFunction<String> versionId) {
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", name, "namespace", namespace));
        for (int i = 0; i < versions.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of(
                    "versionId", versionId.apply(i), "version", versions.get(i), "releaseState", "RELEASED",
                    "releaseNotesUrl", "https://acme-isv.example/" + namespace + "/releases/" + versions.get(i)));
        }
    }

    void importFleet(String packageId, FleetOptions fleet) {
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
                    fleet.count(), fleet.seed(), report.path("inserted").asText(), report.path("rejected").asText());
        } finally {
            csv.toFile().delete();
        }
    }

    /** Prints the preview's counts and waves; returns the whole preview. */
    JsonNode preview(ApiClient planner, String campaignId) {
        JsonNode preview = planner.get("/api/v1/campaigns/" + campaignId + "/preview");
        JsonNode plan = preview.path("plan");
        List<String> waves = new ArrayList<>();
        plan.path("waves").forEach(w -> waves.add(w.path("kind").asText() + " " + w.path("size").asText()));
        out.printf("Preview: %s eligible, %s excluded %s; waves: %s.%n", preview.path("eligible").asText(),
                preview.path("excludedTotal").asText(), plan.path("excluded"), String.join(", ", waves));
        return preview;
    }

    /**
     * Polls the campaign every second until it reaches a final state or {@code timeout} passes,
     * printing a line when a wave changes state and every few seconds while one runs; {@code onPoll}
     * sees every status read (to approve a wave, to watch the deadline). Times are printed from {@code since}.
     */
    JsonNode follow(ApiClient planner, String campaignId, Duration timeout, Instant since, Consumer<JsonNode> onPoll) {
        Instant deadline = clock.instant().plus(timeout);
        Map<Integer, String> lastState = new LinkedHashMap<>();
        Map<Integer, Instant> lastPrinted = new LinkedHashMap<>();
        Map<Integer, Instant> waveStarted = new LinkedHashMap<>();
        JsonNode status;
        do {
            sleep(Duration.ofSeconds(1));
            status = planner.get("/api/v1/campaigns/" + campaignId);
            onPoll.accept(status);
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
                    out.println(progressLine(wave, waveStarted.get(number), since));
                }
            }
        } while (!FINAL_STATES.contains(status.path("state").asText()) && clock.instant().isBefore(deadline));
        return status;
    }

    private String progressLine(JsonNode wave, Instant started, Instant since) {
        JsonNode counts = wave.path("counts");
        long finished = wave.path("finished").asLong();
        long total = counts.path("total").asLong();
        long failed = counts.path("failed").asLong() + counts.path("timedOut").asLong();
        double seconds = Math.max(1, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        return String.format("  +%3ds  wave %d %-10s %-8s %5d/%-5d done  %4d failed  %6.1f orgs/s%s",
                Duration.between(since, clock.instant()).toSeconds(), wave.path("number").asInt(),
                wave.path("kind").asText(), wave.path("state").asText(), finished, total, failed, finished / seconds,
                wave.path("stateReason").isMissingNode() || wave.path("stateReason").isNull() ? ""
                        : "  — " + wave.path("stateReason").asText());
    }

    /** Orgs outside the sandbox wave that the fleet saw a push of the target version for. */
    long productionOrgsPushed(ApiClient planner, String campaignId, JsonNode status) {
        Set<Integer> sandboxWaves = new HashSet<>();
        status.path("waves").forEach(w -> {
            if (w.path("kind").asText().equals("SANDBOX")) {
                sandboxWaves.add(w.path("number").asInt());
            }
        });
        List<String> production = campaignOrgs(planner, campaignId).stream()
                .filter(org -> !sandboxWaves.contains(org.path("wave").asInt()))
                .filter(org -> !org.path("orgType").asText().equals("SANDBOX"))
                .map(org -> org.path("orgId").asText()).toList();
        return upshift.fleetWorld().orgStates(production).values().stream().filter(o -> o.pushJobs() > 0).count();
    }

    /** Every org target of a campaign, from the planner's paginated API. */
    static List<JsonNode> campaignOrgs(ApiClient planner, String campaignId) {
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
    Map<String, Long> awaitEmails(String campaignId, Duration timeout) {
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

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
