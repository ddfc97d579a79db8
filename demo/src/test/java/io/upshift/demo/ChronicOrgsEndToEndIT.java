package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Learning across campaigns on the real stack (#22): a simulated fleet where 5 % of the orgs fail every push
 * (chronic). The first campaign of the package finds them failing; the second, with the default strategy
 * (chronic orgs LAST_WAVE) and a pilot list, runs the pilot list's wave first, then the canary and the ramp
 * without the chronic orgs, and the chronic orgs last, in a wave of their own. One stack, one fleet, two
 * campaigns; the planner judges "chronic" as 1 failure in the last 1 campaign to need only one campaign before.
 */
class ChronicOrgsEndToEndIT {

    private static final String NEXT_VERSION = "4.3.0";
    private static final String PILOT_LIST = "acme-test-orgs";
    private static final Clock CLOCK = Clock.systemUTC();

    private static LocalUpshift upshift;
    private static CampaignScript script;
    private static ApiClient planner;
    private static String packageId;
    private static Set<String> failedInFirst;
    private static List<String> pilots;
    private static JsonNode chronicOrgs;
    private static JsonNode preview;
    private static List<JsonNode> lastWaveOrgs;
    private static JsonNode second;
    private static List<JsonNode> secondOrgs;

    @BeforeAll
    static void runTwoCampaignsOfOnePackage() {
        DemoScenario.Options options = DemoScenario.Options.defaults().withOrgs(250).withSeed(29).withRun(122);
        LocalUpshift.Settings base = DemoScenario.settings(options, 1);
        Map<String, String> planning = new LinkedHashMap<>(Map.of(
                "upshift.planner.org-health.chronic-failures", "1",
                "upshift.planner.org-health.chronic-campaigns", "1"));
        upshift = LocalUpshift.start(DevStack.shared(), base.withDatabase("chronic_orgs")
                .withPlanner(planning)
                .withExecutor(Map.of("upshift.executor.simulated.failures.chronic-share", "0.05",
                        "upshift.executor.simulated.failures.chronic-error", "DeployError")));
        PrintStream out = new PrintStream(System.out, true);
        script = new CampaignScript(upshift, out, CLOCK);
        planner = script.plannerAs("chronic-it", "OPERATOR");
        packageId = options.packageId();
        List<String> versions = new ArrayList<>(DemoScenario.VERSIONS);
        versions.add(NEXT_VERSION);
        script.registerPackage(packageId, "Acme Billing", "acme", versions, options::versionId);
        script.importFleet(packageId, FleetOptions.defaults(options.orgs(), options.seed())
                .withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN));

        // the first campaign: everyone at once, a lenient gate, so that it runs to the end and records who failed
        String first = create(Map.of("name", "Acme Billing 4.2.1 finding chronic orgs", "packageId", packageId,
                "targetVersion", DemoScenario.TARGET_VERSION,
                "schedule", Map.of("noticePeriod", "PT5S"), "pacing", Map.of("expectedUpgradeDuration", "PT2S"),
                "gate", Map.of("failureThresholdPercent", 50, "minimumFinished", 20), "orgTimeout", "PT2M"));
        JsonNode firstStatus = runToTheEnd(first);
        assertThat(firstStatus.path("state").asText()).isEqualTo("COMPLETED");
        List<JsonNode> firstOrgs = CampaignScript.campaignOrgs(planner, first);
        failedInFirst = firstOrgs.stream().filter(o -> Set.of("FAILED", "TIMED_OUT").contains(o.path("state").asText()))
                .map(o -> o.path("orgId").asText()).collect(Collectors.toCollection(TreeSet::new));
        pilots = firstOrgs.stream().filter(o -> o.path("state").asText().equals("SUCCEEDED"))
                .map(o -> o.path("orgId").asText()).limit(3).toList();

        // a pilot list of three friendly orgs, uploaded as CSV by an ADMIN
        ApiClient admin = script.admin();
        admin.post("/api/v1/pilot-lists", Map.of("name", PILOT_LIST, "description", "our own orgs"));
        admin.post("/api/v1/pilot-lists/" + PILOT_LIST + "/members",
                Map.of("orgIds", pilots));
        chronicOrgs = planner.get("/api/v1/packages/" + packageId + "/chronic-orgs");

        // the second campaign: the pilot list first with its own strict gate, then canary and ramp; chronic
        // orgs are not mentioned: LAST_WAVE is the default
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", "Acme Billing 4.3.0 with chronic orgs last");
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", NEXT_VERSION);
        campaign.put("strategy", Map.of("canary", Map.of("count", 20), "ramp", Map.of("type", "SINGLE"),
                "pilotWaves", List.of(Map.of("list", PILOT_LIST,
                        "gate", Map.of("failureThresholdPercent", 0, "minimumFinished", 1)))));
        campaign.put("schedule", Map.of("noticePeriod", "PT5S"));
        campaign.put("pacing", Map.of("expectedUpgradeDuration", "PT2S"));
        campaign.put("gate", Map.of("failureThresholdPercent", 10, "minimumFinished", 20));
        campaign.put("orgTimeout", "PT2M");
        String secondId = create(campaign);
        preview = planner.get("/api/v1/campaigns/" + secondId + "/preview");
        int lastWave = preview.path("plan").path("waves").size();
        lastWaveOrgs = new ArrayList<>();
        planner.get("/api/v1/campaigns/" + secondId + "/preview/orgs?wave=" + lastWave + "&limit=1000")
                .forEach(lastWaveOrgs::add);
        second = runToTheEnd(secondId);
        secondOrgs = CampaignScript.campaignOrgs(planner, secondId);
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    @Test
    void theFirstCampaignsFailuresAreTheChronicOrgsWithTheirLastError() {
        assertThat(failedInFirst).hasSizeGreaterThan(5);
        assertThat(chronicOrgs.path("failureThreshold").asInt()).isEqualTo(1);
        List<String> listed = new ArrayList<>();
        chronicOrgs.path("orgs").forEach(o -> listed.add(o.path("orgId").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(failedInFirst);
        assertThat(chronicOrgs.path("orgs").get(0).path("lastError").path("state").asText())
                .isIn("FAILED", "TIMED_OUT");
    }

    @Test
    void thePreviewPutsThePilotListFirstAndTheRepeatFailuresInALastWaveAndSaysWhy() {
        List<String> kinds = new ArrayList<>();
        preview.path("plan").path("waves").forEach(w -> kinds.add(w.path("kind").asText()));
        assertThat(kinds).containsExactly("PILOT", "CANARY", "RAMP", "CHRONIC");
        assertThat(lastWaveOrgs).extracting(o -> o.path("orgId").asText())
                .containsExactlyInAnyOrderElementsOf(failedInFirst);
        assertThat(lastWaveOrgs).allSatisfy(o -> assertThat(o.path("placement").asText()).startsWith("CHRONIC"));
        assertThat(preview.path("plan").path("warnings").toString()).contains("(chronic)");
    }

    @Test
    void thePilotWaveRanFirstWithThePilotListsOrgs() {
        JsonNode pilotWave = second.path("waves").get(0);
        assertThat(pilotWave.path("kind").asText()).isEqualTo("PILOT");
        assertThat(pilotWave.path("state").asText()).isEqualTo("PASSED");
        assertThat(secondOrgs.stream().filter(o -> o.path("wave").asInt() == 1).map(o -> o.path("orgId").asText()))
                .containsExactlyInAnyOrderElementsOf(pilots);
        Instant pilotStarted = Instant.parse(pilotWave.path("startedAt").asText());
        Instant canaryStarted = Instant.parse(second.path("waves").get(1).path("startedAt").asText());
        assertThat(canaryStarted).isAfterOrEqualTo(Instant.parse(pilotWave.path("finishedAt").asText()))
                .isAfter(pilotStarted);
    }

    @Test
    void theChronicOrgsFailOnlyInTheLastWaveAndTheWavesBeforePass() {
        int last = second.path("waves").size();
        for (int i = 0; i < last - 1; i++) {
            assertThat(second.path("waves").get(i).path("state").asText()).isEqualTo("PASSED");
        }
        JsonNode chronicWave = second.path("waves").get(last - 1);
        assertThat(chronicWave.path("kind").asText()).isEqualTo("CHRONIC");
        assertThat(chronicWave.path("state").asText()).isNotEqualTo("PENDING");
        // every org of the chronic wave was a failure of the first campaign; no chronic org ran before it
        assertThat(secondOrgs.stream().filter(o -> failedInFirst.contains(o.path("orgId").asText()))
                .mapToInt(o -> o.path("wave").asInt())).containsOnly(last);
    }

    @Test
    void thePublishersReportSaysHowManyFailuresCameFromChronicOrgs() {
        // the chronic wave halted (its orgs fail again): the halt report counts them apart
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(DevStack.shared().smtp().receivedMessages())
                        .anySatisfy(mail -> {
                            assertThat(mail.getSubject())
                                    .startsWith("[Upshift] HALTED: Acme Billing 4.3.0 with chronic orgs last");
                            assertThat(Evidence.text(mail)).containsPattern(
                                    "[1-9][0-9]* of the failures came from chronic orgs");
                        }));
    }

    private static String create(Map<String, Object> campaign) {
        return planner.post("/api/v1/campaigns", campaign).path("id").asText();
    }

    private static JsonNode runToTheEnd(String campaignId) {
        planner.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
        return script.follow(planner, campaignId, Duration.ofMinutes(3), CLOCK.instant(), s -> { });
    }
}
