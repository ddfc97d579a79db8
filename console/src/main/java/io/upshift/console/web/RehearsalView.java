package io.upshift.console.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rehearsal pages show, worked out from the planner's rehearsal JSON ({@code GET /rehearsals/{id}},
 * {@code GET /campaigns/{id}/rehearsals}, {@code GET /rehearsals/compare}): durations as people read them
 * ("1 h 52 min", not {@code PT1H52M3.2S}), shares as percentages, each count as its median with the 90 %
 * interval. The JSON stays the API's; only its reading is done here, so a field the API adds later does not
 * break a page.
 */
final class RehearsalView {

    static final String NONE = "—";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One line of a two-column table. */
    record Row(String label, String value) {
    }

    /** A count per run: median, 90 % interval (5th to 95th percentile) and mean. */
    record StatRow(String label, String median, String interval, String mean) {
    }

    /** A wave: when it starts and ends after the plan's start (medians), and in how many runs it started. */
    record WaveRow(String number, String kind, String size, String start, String end, String started) {
    }

    record Report(long orgs, String start, String makespanMedian, String makespanInterval, String projectedEnd,
            List<WaveRow> waves, List<StatRow> outcomes, List<StatRow> failuresByType, List<StatRow> failuresByPod,
            String haltProbability, List<String> haltByWave, String medianHaltAfter, List<Row> emails,
            String safetyBound, String safetyStatement, String maxExposed, boolean held, List<Row> twin,
            List<String> defaults, int stalledRuns) {
    }

    /** A rehearsal as listed and as shown on its page ({@code report} null until DONE). */
    record Rehearsal(String id, String campaignId, String state, String seeds, String approvalDelay,
            List<Row> overrides, String requestedBy, String requestedAt, String elapsed, String error, Report report) {

        public boolean running() {
            return "RUNNING".equals(state);
        }

        public boolean done() {
            return "DONE".equals(state);
        }

        /** One line naming it in the compare form (public: the templates call it): when, seeds and what it changed. */
        public String label() {
            return requestedAt + " · " + changes();
        }

        /** Its seeds and what it changed of the draft. */
        public String changes() {
            return seeds + " seeds · " + (overrides.isEmpty() ? "the draft as it is" : joined(overrides));
        }
    }

    /** A figure of two rehearsals side by side; {@code differs} marks the rows a reader compares first. */
    record CompareRow(String label, String a, String b, boolean differs) {
    }

    record Comparison(Rehearsal a, Rehearsal b, List<CompareRow> rows) {
    }

    private RehearsalView() {
    }

    static Rehearsal rehearsal(Map<String, Object> json) {
        Map<String, Object> report = map(json.get("report"));
        Object elapsed = json.get("elapsedMs");
        return new Rehearsal(text(json.get("id")), text(json.get("campaignId")), text(json.get("state")),
                text(json.get("seeds")), duration(json.get("approvalDelay")), overrides(json.get("overrides")),
                text(json.get("requestedBy")), instant(json.get("requestedAt")),
                elapsed instanceof Number ms ? human(Duration.ofMillis(ms.longValue())) : NONE,
                json.get("error") == null ? null : text(json.get("error")),
                report.isEmpty() ? null : report(report));
    }

    static List<Rehearsal> rehearsals(List<Object> json) {
        return json.stream().map(RehearsalView::map).map(RehearsalView::rehearsal).toList();
    }

    static Report report(Map<String, Object> r) {
        Map<String, Object> makespan = map(r.get("makespan"));
        List<WaveRow> waves = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Object item : list(r.get("waves"))) {
            Map<String, Object> w = map(item);
            kinds.put(text(w.get("number")), text(w.get("kind")));
            waves.add(new WaveRow(text(w.get("number")), text(w.get("kind")), text(w.get("size")),
                    duration(w.get("startAfter")), duration(w.get("endAfter")), percent(w.get("startedShare"))));
        }
        List<StatRow> outcomes = List.of(stat("Succeeded", r.get("succeeded")), stat("Failed", r.get("failed")),
                stat("Timed out", r.get("timedOut")), stat("Canceled", r.get("canceled")));
        Map<String, Object> halt = map(r.get("halt"));
        List<String> haltByWave = map(halt.get("byWave")).entrySet().stream()
                .sorted(Comparator.comparingInt(e -> number(e.getKey())))
                .map(e -> "wave " + e.getKey() + (kinds.containsKey(e.getKey()) ? " (" + kinds.get(e.getKey()) + ")" : "")
                        + ": " + percent(e.getValue()))
                .toList();
        List<Row> emails = map(r.get("emails")).entrySet().stream()
                .map(e -> new Row(e.getKey(), decimal(e.getValue()))).toList();
        Map<String, Object> safety = map(r.get("safety"));
        Map<String, Object> twin = map(r.get("twin"));
        return new Report(r.get("orgs") instanceof Number n ? n.longValue() : 0, instant(r.get("start")),
                duration(makespan.get("median")),
                makespan.isEmpty() ? NONE : duration(makespan.get("p5")) + " – " + duration(makespan.get("p95")),
                instant(r.get("projectedEnd")), waves, outcomes, stats(r.get("failuresByType")),
                stats(r.get("failuresByPod")), percent(halt.get("probability")), haltByWave,
                duration(halt.get("medianHaltAfter")), emails,
                safety.get("bound") == null ? "none: no gate can halt this campaign" : text(safety.get("bound")) + " orgs",
                safety.get("statement") == null ? null : text(safety.get("statement")),
                text(safety.get("maxExposed")), Boolean.TRUE.equals(safety.get("held")), twin(twin),
                list(twin.get("defaults")).stream().map(RehearsalView::text).toList(),
                r.get("stalledRuns") instanceof Number n ? n.intValue() : 0);
    }

    /** What the twin rests on; its defaults (what history did not tell) are listed apart. */
    static List<Row> twin(Map<String, Object> t) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Pushes seen", text(t.get("pushesSeen"))));
        rows.add(new Row("Campaigns seen", text(t.get("campaignsSeen"))));
        rows.add(new Row("Orgs with their own duration", text(t.get("orgsWithOwnDuration"))));
        rows.add(new Row("Org's share of the duration spread", percent(t.get("orgShareOfDuration"))));
        rows.add(new Row("Chronic orgs", text(t.get("chronicOrgs"))));
        rows.add(new Row("Push duration (median, 99th percentile)",
                duration(t.get("spreadMedian")) + ", " + duration(t.get("spreadP99"))));
        rows.add(new Row("Failure rates (fleet)", rates(t.get("fleetRates"))));
        Map<String, Object> pods = map(t.get("podRates"));
        rows.add(new Row("Above the fleet's, by pod", pods.isEmpty() ? "none" : pods.entrySet().stream()
                .map(e -> e.getKey() + ": " + rates(e.getValue())).reduce((x, y) -> x + "; " + y).orElse("")));
        rows.add(new Row("Above the fleet's, for this version", rates(t.get("targetVersionRates"))));
        rows.add(new Row("Refused calls", percent(t.get("refusedCallRate"))));
        return rows;
    }

    /**
     * The compare answer: each figure the API pairs, in its order, read as people read it, then what each
     * rehearsal changed of its draft. A figure the console does not know yet is shown as the API gives it.
     */
    static Comparison comparison(Map<String, Object> json) {
        Rehearsal a = rehearsal(map(json.get("a")));
        Rehearsal b = rehearsal(map(json.get("b")));
        List<CompareRow> rows = new ArrayList<>();
        for (Map.Entry<String, Object> figure : map(json.get("figures")).entrySet()) {
            List<Object> pair = list(figure.getValue());
            String x = figure(figure.getKey(), pair.size() > 0 ? pair.get(0) : null);
            String y = figure(figure.getKey(), pair.size() > 1 ? pair.get(1) : null);
            rows.add(new CompareRow(FIGURES.getOrDefault(figure.getKey(), figure.getKey()), x, y, !x.equals(y)));
        }
        String overridesA = joined(a.overrides());
        String overridesB = joined(b.overrides());
        rows.add(new CompareRow("Overrides of the draft", overridesA, overridesB, !overridesA.equals(overridesB)));
        rows.add(new CompareRow("Seeds", a.seeds(), b.seeds(), !a.seeds().equals(b.seeds())));
        rows.add(new CompareRow("Approvals assumed after", a.approvalDelay(), b.approvalDelay(),
                !a.approvalDelay().equals(b.approvalDelay())));
        return new Comparison(a, b, rows);
    }

    private static final Map<String, String> FIGURES = Map.of("orgs", "Orgs", "waves", "Waves",
            "makespanMedian", "Makespan (median)", "makespanP95", "Makespan (95th percentile)",
            "haltProbability", "Halt probability", "failedMean", "Failed or timed out (mean per run)",
            "safetyBound", "Safety bound (orgs)", "maxExposed", "Most orgs exposed in a halted wave",
            "emailsMean", "Emails (mean per run)");

    private static String figure(String key, Object value) {
        if (value == null) {
            return NONE;
        }
        return switch (key) {
            case "makespanMedian", "makespanP95" -> duration(value);
            case "haltProbability" -> percent(value);
            case "failedMean", "emailsMean" -> decimal(value);
            default -> text(value);
        };
    }

    /** The draft's own values of the fields a rehearsal may override: the form shows them as its placeholders. */
    static Map<String, String> draft(Map<String, Object> campaign) {
        Map<String, Object> definition = map(campaign.get("definition"));
        Map<String, Object> canary = map(map(definition.get("strategy")).get("canary"));
        Map<String, Object> pacing = map(definition.get("pacing"));
        Map<String, Object> gate = map(definition.get("gate"));
        Map<String, String> draft = new LinkedHashMap<>();
        draft.put("canaryPercent", canary.get("percent") != null ? "draft: " + decimal(canary.get("percent")) + " %"
                : canary.get("count") != null ? "draft: " + canary.get("count") + " orgs" : "draft: no canary");
        draft.put("maxInFlight", "draft: " + text(pacing.get("maxInFlight")));
        draft.put("failureThresholdPercent", "draft: " + decimal(gate.get("failureThresholdPercent")) + " %");
        draft.put("minimumFinished", "draft: " + text(gate.get("minimumFinished")));
        return draft;
    }

    /** The overrides a rehearsal was asked for, without the ones left to the draft. */
    static List<Row> overrides(Object json) {
        // "empty" is not an override: planners before 2026-12-06 11:00 serialized their record's isEmpty() along
        return map(json).entrySet().stream().filter(e -> e.getValue() != null && !e.getKey().equals("empty"))
                .map(e -> new Row(e.getKey(), e.getKey().equals("minimumWaveDuration") ? duration(e.getValue())
                        : e.getKey().endsWith("Percent") ? decimal(e.getValue()) + " %" : text(e.getValue())))
                .toList();
    }

    private static String joined(List<Row> rows) {
        return rows.isEmpty() ? "none" : rows.stream().map(r -> r.label() + " " + r.value())
                .reduce((x, y) -> x + ", " + y).orElse("");
    }

    private static List<StatRow> stats(Object json) {
        return map(json).entrySet().stream().map(e -> stat(e.getKey(), e.getValue())).toList();
    }

    private static StatRow stat(String label, Object json) {
        Map<String, Object> s = map(json);
        if (s.isEmpty()) {
            return new StatRow(label, NONE, NONE, NONE);
        }
        return new StatRow(label, text(s.get("median")), text(s.get("p5")) + " – " + text(s.get("p95")),
                decimal(s.get("mean")));
    }

    private static String rates(Object json) {
        Map<String, Object> rates = map(json);
        return rates.isEmpty() ? "none" : rates.entrySet().stream().map(e -> e.getKey() + " " + percent(e.getValue()))
                .reduce((x, y) -> x + ", " + y).orElse("");
    }

    /**
     * A duration as people read it, to the precision that matters at its size: {@code 450 ms}, {@code 4.5 s},
     * {@code 15 min 45 s}, {@code 1 h 52 min}, {@code 2 d 3 h}. A text that is no ISO-8601 duration is shown as is.
     */
    static String duration(Object iso) {
        if (iso == null) {
            return NONE;
        }
        try {
            return human(Duration.parse(iso.toString()));
        } catch (DateTimeParseException e) {
            return iso.toString();
        }
    }

    static String human(Duration d) {
        if (d.isNegative()) {
            return "-" + human(d.negated());
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0 s";
        }
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 59_950) {
            return decimal(ms / 1000.0) + " s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long min = Math.round(s / 60.0);
        if (min < 24 * 60) {
            return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
        }
        long h = Math.round(min / 60.0);
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /**
     * A share (0–1) as a percentage: whole numbers from 10 to 99 %, one decimal below and above, and never
     * "0 %" or "100 %" for a share that is not exactly that (a 0.04 % risk is not no risk).
     */
    static String percent(Object share) {
        if (!(share instanceof Number n)) {
            return NONE;
        }
        double p = n.doubleValue() * 100;
        if (p == 0 || p == 100) {
            return (long) p + " %";
        }
        if (p < 0.1) {
            return "< 0.1 %";
        }
        if (p > 99.9) {
            return "> 99.9 %";
        }
        if (p >= 10 && p < 99.5) {
            return Math.round(p) + " %";
        }
        return decimal(p) + " %";
    }

    /** A mean or a rate: one decimal at most ({@code 9}, {@code 9.5}). */
    static String decimal(Object value) {
        if (!(value instanceof Number n)) {
            return value == null ? NONE : value.toString();
        }
        return BigDecimal.valueOf(n.doubleValue()).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String instant(Object iso) {
        if (iso == null) {
            return NONE;
        }
        try {
            return WHEN.format(Instant.parse(iso.toString()));
        } catch (DateTimeParseException e) {
            return iso.toString();
        }
    }

    private static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json) {
        return json instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
