package io.upshift.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The rehearsal JSON (the README's bad-release example) as the pages show it. */
class RehearsalViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> done() throws IOException {
        try (InputStream in = RehearsalViewTest.class.getResourceAsStream("/rehearsal-done.json")) {
            return JSON.readValue(in, LinkedHashMap.class);
        }
    }

    @Test
    void durationsReadAsPeopleReadThem() {
        assertThat(RehearsalView.duration("PT15M44.882S")).isEqualTo("15 min 45 s");
        assertThat(RehearsalView.duration("PT1H52M3.2S")).isEqualTo("1 h 52 min");
        assertThat(RehearsalView.duration("PT4.46S")).isEqualTo("4.5 s");
        assertThat(RehearsalView.duration("PT0.45S")).isEqualTo("450 ms");
        assertThat(RehearsalView.duration("PT10M")).isEqualTo("10 min");
        assertThat(RehearsalView.duration("PT59.97S")).as("never '60 s'").isEqualTo("1 min");
        assertThat(RehearsalView.duration("PT51H")).isEqualTo("2 d 3 h");
        assertThat(RehearsalView.duration("PT0S")).isEqualTo("0 s");
        assertThat(RehearsalView.duration(null)).isEqualTo("—");
        assertThat(RehearsalView.human(Duration.ofMinutes(-5))).isEqualTo("-5 min");
    }

    @Test
    void sharesArePercentagesAndASmallRiskIsNeverShownAsNone() {
        assertThat(RehearsalView.percent(0.98)).isEqualTo("98 %");
        assertThat(RehearsalView.percent(1.0)).isEqualTo("100 %");
        assertThat(RehearsalView.percent(0)).isEqualTo("0 %");
        assertThat(RehearsalView.percent(0.005)).isEqualTo("0.5 %");
        assertThat(RehearsalView.percent(0.01)).isEqualTo("1 %");
        assertThat(RehearsalView.percent(0.0004)).isEqualTo("< 0.1 %");
        assertThat(RehearsalView.percent(0.9996)).isEqualTo("> 99.9 %");
        assertThat(RehearsalView.percent(0.997)).isEqualTo("99.7 %");
        assertThat(RehearsalView.percent(null)).isEqualTo("—");
        assertThat(RehearsalView.decimal(9.0)).isEqualTo("9");
        assertThat(RehearsalView.decimal(40.0)).isEqualTo("40");
        assertThat(RehearsalView.decimal(9.45)).isEqualTo("9.5");
    }

    @Test
    void theReportShowsEachFigureTheBriefAsksFor() throws IOException {
        RehearsalView.Rehearsal rehearsal = RehearsalView.rehearsal(done());

        assertThat(rehearsal.done()).isTrue();
        assertThat(rehearsal.approvalDelay()).isEqualTo("1 h");
        assertThat(rehearsal.elapsed()).isEqualTo("877 ms");
        assertThat(rehearsal.requestedAt()).isEqualTo("2026-12-06 06:32:15 UTC");
        assertThat(rehearsal.overrides()).containsExactly(new RehearsalView.Row("canaryPercent", "2 %"));
        assertThat(rehearsal.label()).endsWith("10 seeds · canaryPercent 2 %");

        RehearsalView.Report report = rehearsal.report();
        // every run halted: no makespan, said as such rather than a zero
        assertThat(report.makespanMedian()).isEqualTo("—");
        assertThat(report.makespanInterval()).isEqualTo("—");
        assertThat(report.projectedEnd()).isEqualTo("—");
        assertThat(report.waves()).containsExactly(
                new RehearsalView.WaveRow("1", "CANARY", "10", "0 s", "15 min 45 s", "100 %"),
                new RehearsalView.WaveRow("2", "RAMP", "20", "—", "—", "0 %"));
        assertThat(report.outcomes()).extracting(RehearsalView.StatRow::label)
                .containsExactly("Succeeded", "Failed", "Timed out", "Canceled");
        assertThat(report.outcomes().get(1)).isEqualTo(new RehearsalView.StatRow("Failed", "9", "9 – 9", "9"));
        // the README's example is shortened: a count it leaves out is shown as unknown, not as 0
        assertThat(report.outcomes().get(2)).isEqualTo(new RehearsalView.StatRow("Timed out", "—", "—", "—"));
        assertThat(report.failuresByType()).containsExactly(new RehearsalView.StatRow("ApexTestFailure", "9", "9 – 9", "9"));
        assertThat(report.failuresByPod()).extracting(RehearsalView.StatRow::label).containsExactly("NA1", "NA2");
        assertThat(report.haltProbability()).isEqualTo("100 %");
        assertThat(report.haltByWave()).containsExactly("wave 1 (CANARY): 100 %");
        assertThat(report.medianHaltAfter()).isEqualTo("15 min 45 s");
        assertThat(report.emails()).contains(new RehearsalView.Row("ADVANCE_NOTICE", "40"),
                new RehearsalView.Row("RESULT", "9"));
        assertThat(report.safetyBound()).isEqualTo("10 orgs");
        assertThat(report.maxExposed()).isEqualTo("9");
        assertThat(report.held()).isTrue();
        assertThat(report.twin()).contains(new RehearsalView.Row("Pushes seen", "8"),
                new RehearsalView.Row("Org's share of the duration spread", "0 %"),
                new RehearsalView.Row("Push duration (median, 99th percentile)", "10 min, 40 min"),
                new RehearsalView.Row("Above the fleet's, by pod", "none"),
                new RehearsalView.Row("Above the fleet's, for this version", "ApexTestFailure 99 %"));
        assertThat(report.twin()).filteredOn(r -> r.label().equals("Failure rates (fleet)")).singleElement()
                .extracting(RehearsalView.Row::value).asString()
                .contains("ApexTestFailure 1 %", "LockingFailure 0.5 %", "UnclassifiedError 0.5 %");
        assertThat(report.defaults()).hasSize(3).allMatch(d -> d.contains("history"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHaltInALaterWaveIsNamedByItsKindAndWavesAreInOrder() throws IOException {
        Map<String, Object> json = done();
        Map<String, Object> report = (Map<String, Object>) json.get("report");
        List<Object> waves = new ArrayList<>((List<Object>) report.get("waves"));
        for (int n = 3; n <= 10; n++) {
            waves.add(Map.of("number", n, "kind", n == 10 ? "CHRONIC" : "RAMP", "size", 5, "startedShare", 1.0));
        }
        report.put("waves", waves);
        report.put("halt", Map.of("probability", 1.0, "byWave", Map.of("10", 0.98, "2", 0.02), "medianHaltAfter", "PT4.46S"));
        report.put("makespan", Map.of("median", "PT1H52M3S", "p5", "PT1H41M", "p95", "PT2H4M30S"));
        report.put("safety", Map.of("maxExposed", 0, "held", true));

        RehearsalView.Report view = RehearsalView.rehearsal(json).report();

        assertThat(view.haltByWave()).containsExactly("wave 2 (RAMP): 2 %", "wave 10 (CHRONIC): 98 %");
        assertThat(view.makespanMedian()).isEqualTo("1 h 52 min");
        assertThat(view.makespanInterval()).isEqualTo("1 h 41 min – 2 h 5 min");
        assertThat(view.safetyBound()).isEqualTo("none: no gate can halt this campaign");
    }

    @Test
    void aRunningOrFailedRehearsalHasNoReport() {
        RehearsalView.Rehearsal running = RehearsalView.rehearsal(Map.of("id", "x", "state", "RUNNING", "seeds", 20));
        assertThat(running.running()).isTrue();
        assertThat(running.report()).isNull();
        assertThat(running.overrides()).isEmpty();
        RehearsalView.Rehearsal failed = RehearsalView.rehearsal(Map.of("id", "y", "state", "FAILED", "error",
                "the campaign's orgs could not be read"));
        assertThat(failed.error()).isEqualTo("the campaign's orgs could not be read");
    }

    @Test
    void theComparisonReadsEachFigureAndMarksWhatDiffers() throws IOException {
        Map<String, Object> a = new LinkedHashMap<>(done());
        a.put("overrides", null);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("orgs", List.of(40, 40));
        figures.put("makespanMedian", java.util.Arrays.asList("PT1H52M", null));
        figures.put("haltProbability", List.of(0.0, 0.98));
        figures.put("failedMean", List.of(9.0, 9.25));
        figures.put("somethingNew", List.of(1, 2));

        RehearsalView.Comparison comparison = RehearsalView.comparison(Map.of("a", a, "b", done(), "figures", figures));

        assertThat(comparison.rows()).containsExactly(
                new RehearsalView.CompareRow("Orgs", "40", "40", false),
                new RehearsalView.CompareRow("Makespan (median)", "1 h 52 min", "—", true),
                new RehearsalView.CompareRow("Halt probability", "0 %", "98 %", true),
                new RehearsalView.CompareRow("Failed or timed out (mean per run)", "9", "9.3", true),
                new RehearsalView.CompareRow("somethingNew", "1", "2", true),
                new RehearsalView.CompareRow("Overrides of the draft", "none", "canaryPercent 2 %", true),
                new RehearsalView.CompareRow("Seeds", "10", "10", false),
                new RehearsalView.CompareRow("Approvals assumed after", "1 h", "1 h", false));
    }

    @Test
    void theFormBecomesTheApiBodyWithOnlyTheOverridesGiven() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("seeds", "20");
        form.put("approvalDelay", "PT10M");
        form.put("canaryPercent", "2");
        form.put("maxInFlight", "");
        form.put("failureThresholdPercent", "7.5");
        form.put("minimumFinished", "many");

        Map<String, Object> body = RehearsalPages.request(form);

        assertThat(body).containsEntry("seeds", 20).containsEntry("approvalDelay", "PT10M");
        assertThat(body.get("overrides")).isEqualTo(Map.of("canaryPercent", new java.math.BigDecimal("2"),
                "failureThresholdPercent", new java.math.BigDecimal("7.5"), "minimumFinished", "many"));
        assertThat(RehearsalPages.request(Map.of("seeds", "100", "approvalDelay", "PT1H"))).doesNotContainKey("overrides");
    }

    @Test
    void theFormShowsTheDraftsOwnValues() {
        Map<String, Object> campaign = Map.of("definition", Map.of(
                "strategy", Map.of("canary", Map.of("count", 8)),
                "pacing", Map.of("maxInFlight", 50),
                "gate", Map.of("failureThresholdPercent", 10.0, "minimumFinished", 5)));
        assertThat(RehearsalView.draft(campaign)).containsEntry("canaryPercent", "draft: 8 orgs")
                .containsEntry("maxInFlight", "draft: 50").containsEntry("failureThresholdPercent", "draft: 10 %")
                .containsEntry("minimumFinished", "draft: 5");
    }
}
