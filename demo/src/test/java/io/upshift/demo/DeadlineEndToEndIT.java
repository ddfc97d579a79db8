package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.demo.DeadlineScenario.Kind;
import io.upshift.demo.DeadlineScenario.Options;
import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.CampaignEvent;
import io.upshift.messages.CampaignEventType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The deadline rollouts of issue #25 on one stack, at once: the hotfix inside its campaign window,
 * the regulatory update of the European orgs, the push ahead of an API retirement, the hotfix as a
 * bad release and the hotfix whose approval comes late. Each has its own package and a fleet of its
 * own org ids (its own seed), so they run concurrently without touching each other's orgs; the
 * checks read the simulated fleet's own push start times, the planner's org targets and deadline
 * report, and the campaign events on Kafka.
 */
class DeadlineEndToEndIT {

    private static final Map<String, Options> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("hotfix", Options.of(Kind.HOTFIX).withSeed(41).withRun(301));
        // The variants need no 2,400 orgs to show what they show: smaller fleets keep CI quick.
        RUNS.put("bad-release", Options.of(Kind.HOTFIX).withBadRelease().withOrgs(1200).withSeed(42).withRun(302));
        RUNS.put("at-risk", Options.of(Kind.HOTFIX).withAtRisk().withOrgs(1200).withSeed(43).withRun(303));
        RUNS.put("regulatory", Options.of(Kind.REGULATORY).withSeed(44).withRun(304));
        RUNS.put("api-retirement", Options.of(Kind.API_RETIREMENT).withSeed(45).withRun(305));
    }

    private static final String WEBHOOK_SECRET = "whsec-deadline-end-to-end-" + java.util.UUID.randomUUID();

    private static DevStack stack;
    private static WebhookReceiver hooks;
    private static LocalUpshift upshift;
    private static final Map<String, DeadlineResult> results = new LinkedHashMap<>();

    @BeforeAll
    static void runTheFiveAtOnce() throws Exception {
        Instant begin = Instant.now();
        stack = DevStack.shared();
        hooks = WebhookReceiver.start();
        upshift = LocalUpshift.start(stack, DeadlineScenario.settings(31, 2).withDatabase("deadline")
                .withNotifier(Map.of(
                        "upshift.notifier.webhooks[0].name", "release-channel",
                        "upshift.notifier.webhooks[0].url", hooks.url(),
                        "upshift.notifier.webhooks[0].secret", WEBHOOK_SECRET,
                        "upshift.notifier.webhooks[0].events", "WAVE_AWAITING_APPROVAL,HALTED")));
        Instant up = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(RUNS.size());
        Map<String, Future<DeadlineResult>> running = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        try {
            RUNS.forEach((name, options) -> {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                outputs.put(name, buffer);
                PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
                running.put(name, pool.submit(() -> {
                    DeadlineResult result = new DeadlineScenario(upshift, options, out, Clock.systemUTC())
                            .run(Duration.ofSeconds(30));
                    DeadlineSummary.print(out, result);
                    return result;
                }));
            });
            Exception failed = null;
            for (var run : running.entrySet()) {
                try {
                    results.put(run.getKey(), run.getValue().get());
                } catch (Exception e) {
                    failed = failed == null ? e : failed;
                }
                System.out.println("==== " + run.getKey() + "\n" + outputs.get(run.getKey()).toString(StandardCharsets.UTF_8));
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("==== figures: stack up in %.1f s, scenarios done %.1f s later%n",
                Duration.between(begin, up).toMillis() / 1000.0, Duration.between(up, Instant.now()).toMillis() / 1000.0);
        // the preview's projection against the run, in seconds after scheduling (the figures of the closing note)
        results.forEach((name, r) -> System.out.printf("  %-15s %-9s projected finish +%s s, actual finish +%s s,"
                + " deadline +%s s, held %s%n", name, r.state(), since(r, r.projectedFinish()),
                since(r, r.lastOrgFinished()), since(r, r.deadline()), r.deadlineHeld()));
    }

    private static String since(DeadlineResult r, Instant at) {
        return at == null ? "-" : String.format("%.1f", Duration.between(r.scheduledAt(), at).toMillis() / 1000.0);
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    @Test
    void theApproversAreEmailedAndTheWebhookCalledWhenTheUrgentFirstWaveWaitsAndWhenTheBadFixHalts() {
        String hotfix = results.get("hotfix").campaignId();
        String bad = results.get("bad-release").campaignId();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // the approval email names the waiting campaign and links to its page in the console
            assertThat(stack.smtp().receivedMessages()).anySatisfy(mail -> {
                assertThat(java.util.Arrays.toString(mail.getAllRecipients())).contains(DeadlineScenario.APPROVERS);
                assertThat(mail.getSubject()).startsWith("[Upshift] Approval needed");
                assertThat(Evidence.text(mail)).contains(upshift.consoleUrl() + "/campaigns/" + hotfix);
            });
            // the webhook: signed, once per event, the wave waiting and the halt with the gate's numbers
            List<WebhookReceiver.Call> calls = hooks.calls();
            assertThat(calls).allSatisfy(call -> assertThat(io.upshift.notifier.webhook.domain.WebhookSignature
                    .verify(WEBHOOK_SECRET, call.signature(), call.body())).as(call.body()).isTrue());
            assertThat(calls).anySatisfy(call -> assertThat(call.body()).contains("\"WAVE_AWAITING_APPROVAL\"")
                    .contains(hotfix));
            assertThat(calls).anySatisfy(call -> assertThat(call.body()).contains("\"HALTED\"").contains(bad)
                    .contains("waveCounts"));
            assertThat(calls.stream().map(WebhookReceiver.Call::id).distinct().count()).isEqualTo(calls.size());
        });
    }

    @Test
    void theFleetsShareNoOrgSoTheRunsCannotDisturbEachOther() {
        Set<String> seen = new HashSet<>();
        RUNS.values().forEach(o -> new FleetGenerator(o.fleet()).stream()
                .forEach(org -> assertThat(seen.add(org.orgId())).as(org.orgId()).isTrue()));
    }

    @Test
    void noPushStartedAfterTheDeadlineNorOutsideTheCampaignWindow() {
        SoftAssertions soft = new SoftAssertions();
        results.forEach((name, r) -> {
            List<Instant> starts = r.allPushStarts();
            soft.assertThat(starts).as(name + ": pushes after the deadline " + r.deadline())
                    .allSatisfy(at -> assertThat(at).isBeforeOrEqualTo(r.deadline()));
            if (r.windowStart() != null) {
                soft.assertThat(starts).as(name + ": pushes before the campaign window opened at " + r.windowStart())
                        .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(r.windowStart()));
            }
            // what the planner promised the subscribers, too: every planned window inside the campaign's
            for (JsonNode org : r.orgs()) {
                Instant end = DeadlineSummary.instant(org.path("windowEnd"));
                Instant start = DeadlineSummary.instant(org.path("windowStart"));
                soft.assertThat(end).as(name + " " + org.path("orgId").asText() + " window end").isNotNull()
                        .isBeforeOrEqualTo(r.deadline());
                if (r.windowStart() != null) {
                    soft.assertThat(start).as(name + " " + org.path("orgId").asText() + " window start")
                            .isAfterOrEqualTo(r.windowStart());
                }
            }
        });
        // not vacuous: every run but the late approval pushed something in its window
        soft.assertThat(results.get("hotfix").allPushStarts()).hasSizeGreaterThan(1000);
        soft.assertThat(results.get("regulatory").allPushStarts()).hasSizeGreaterThan(500);
        soft.assertAll();
    }

    @Test
    void everySelectedOrgIsAccountedForExactlyOnceInTheDeadlineReport() {
        SoftAssertions soft = new SoftAssertions();
        results.forEach((name, r) -> {
            Options options = RUNS.get(name);
            Predicate<SimulatedOrg> selected = options.kind() == Kind.REGULATORY
                    ? org -> org.timeZone().getId().startsWith("Europe/") : org -> true;
            List<String> expected = new FleetGenerator(options.fleet()).stream().filter(selected)
                    .map(SimulatedOrg::orgId).toList();
            soft.assertThat(r.reportCsv()).as(name + ": the deadline report as CSV").isNotNull();
            if (r.reportCsv() == null) {
                return;
            }
            List<String> reported = DeadlineReportCsv.orgIds(r.reportCsv());
            soft.assertThat(reported).as(name + ": orgs in the deadline report").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            soft.assertThat(DeadlineReportCsv.total(r.report())).as(name + ": the report's counts add up to the selection")
                    .isEqualTo(expected.size());
        });
        // the regulatory selection is the fleet's European share: about 800 of 2,500
        soft.assertThat(DeadlineReportCsv.total(results.get("regulatory").report())).isBetween(700L, 900L);
        soft.assertAll();
    }

    @Test
    void theBadHotfixHaltsAtTheCanaryAndTouchesNoMoreProductionOrgsThanTheBound() {
        DeadlineResult bad = results.get("bad-release");
        assertThat(bad.state()).isEqualTo("HALTED");
        assertThat(bad.status().path("waves").get(0).path("state").asText()).isEqualTo("HALTED");
        assertThat(bad.productionOrgsPushed()).isPositive().isLessThanOrEqualTo(bad.safetyBound());
        assertThat(bad.safetyBound()).isEqualTo(DeadlineScenario.GATE_MINIMUM_FINISHED + DeadlineScenario.HOTFIX_MAX_IN_FLIGHT);
        assertThat(bad.count("SUCCEEDED")).isZero();
    }

    @Test
    void theLateApprovalRaisesTheRiskBeforeTheDeadlineAndTheRestEndDeadlinePassed() {
        DeadlineResult late = results.get("at-risk");
        assertThat(late.atRiskAt()).as("the campaign view said atRisk").isNotNull().isBefore(late.deadline());
        assertThat(late.atRiskStatus().path("orgsAtRisk").asInt()).isPositive();
        List<CampaignEvent> atRisk = Evidence.campaignEvents(stack, late.campaignId()).stream()
                .filter(e -> e.getType() == CampaignEventType.AT_RISK).toList();
        assertThat(atRisk).as("AT_RISK events").isNotEmpty();
        assertThat(atRisk.getFirst().getAt()).isBefore(late.deadline());
        assertThat(atRisk.getFirst().getDeadline()).isEqualTo(late.deadline());
        assertThat(atRisk.getFirst().getOrgsAtRisk()).isPositive();
        // the approval came, late: some orgs made it, the rest were canceled at the deadline
        assertThat(late.approvedAt()).isAfter(late.atRiskAt());
        assertThat(late.deadlinePassed()).isPositive();
        assertThat(late.orgs()).filteredOn(o -> "DeadlinePassed".equals(o.path("errorCode").asText(null)))
                .allSatisfy(o -> {
                    assertThat(o.path("state").asText()).isEqualTo("CANCELED");
                    assertThat(late.pushStarts()).doesNotContainKey(o.path("orgId").asText());
                });
    }

    @Test
    void theUrgentFirstWavesWereApprovedByASecondPerson() {
        for (String name : List.of("hotfix", "regulatory", "bad-release")) {
            JsonNode status = results.get(name).status();
            JsonNode first = status.path("waves").get(0);
            assertThat(first.path("approvedBy").asText(null)).as(name).isNotNull()
                    .isNotEqualTo(status.path("createdBy").asText())
                    .isNotEqualTo(status.path("scheduledBy").asText())
                    .contains("approver-");
        }
        // not urgent: nobody had to approve
        assertThat(results.get("api-retirement").approvedAt()).isNull();
    }

    @Test
    void theHotfixTheRegulatoryUpdateAndThePushBeforeTheRetirementHoldTheirDeadlines() {
        SoftAssertions soft = new SoftAssertions();
        for (String name : List.of("hotfix", "regulatory", "api-retirement")) {
            DeadlineResult r = results.get(name);
            soft.assertThat(r.deadlineHeld()).as(name + ": ended " + r.state() + ", last org finished "
                    + r.lastOrgFinished() + ", deadline " + r.deadline() + ", " + r.deadlinePassed()
                    + " DeadlinePassed").isTrue();
            soft.assertThat(r.projectedFinish()).as(name + ": the preview's projected finish").isNotNull()
                    .isBeforeOrEqualTo(r.deadline());
        }
        // the retirement's slack: the preview saw it finish well before the date
        DeadlineResult retirement = results.get("api-retirement");
        soft.assertThat(Duration.between(retirement.projectedFinish(), retirement.deadline())).isGreaterThan(Duration.ofSeconds(60));
        soft.assertAll();
    }

    /** Reads the deadline report's CSV (one row per selected org) and its JSON counts. */
    static final class DeadlineReportCsv {

        private DeadlineReportCsv() {
        }

        static List<String> orgIds(String csv) {
            List<List<String>> rows = parse(csv);
            List<String> header = rows.getFirst().stream()
                    .map(h -> h.replace("_", "").toLowerCase(java.util.Locale.ROOT)).toList();
            int column = header.indexOf("orgid");
            assertThat(column).as("an org id column in " + rows.getFirst()).isNotNegative();
            List<String> ids = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                ids.add(row.get(column));
            }
            return ids;
        }

        /** The sum of the report's counts by outcome (its {@code total} when it states one). */
        static long total(JsonNode report) {
            if (report == null) {
                return -1;
            }
            if (report.path("total").isNumber()) {
                return report.path("total").asLong();
            }
            JsonNode counts = report.has("counts") ? report.path("counts") : report;
            long sum = 0;
            for (var e : counts.properties()) {
                if (e.getValue().isNumber()) {
                    sum += e.getValue().asLong();
                }
            }
            return sum;
        }

        /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
        static List<List<String>> parse(String csv) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < csv.length(); i++) {
                char c = csv.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
