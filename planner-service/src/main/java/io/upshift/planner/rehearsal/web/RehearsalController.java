package io.upshift.planner.rehearsal.web;

import io.upshift.planner.rehearsal.Rehearsals;
import io.upshift.planner.rehearsal.domain.Overrides;
import io.upshift.planner.rehearsal.domain.RehearsalReport;
import io.upshift.planner.rehearsal.jdbc.RehearsalStore;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rehearsals of DRAFT campaigns: start one (202, then poll its location), read its report, list a
 * campaign's, compare two side by side. Starting one needs OPERATOR (like scheduling); reading, any role.
 */
@RestController
class RehearsalController {

    private final Rehearsals rehearsals;

    RehearsalController(Rehearsals rehearsals) {
        this.rehearsals = rehearsals;
    }

    /**
     * Starts a rehearsal of a DRAFT campaign: {@code seeds} runs (default 100, at most 1000) from
     * {@code firstSeed} (default 1), approvals assumed after {@code approvalDelay} (default PT1H),
     * optionally with {@code overrides} of the draft (canary, caps, gate, soak, approval) to compare variants.
     */
    @PostMapping("/api/v1/campaigns/{id}/rehearsals")
    ResponseEntity<RehearsalView> start(@PathVariable UUID id, @RequestBody(required = false) Rehearsals.Request body,
            Principal caller) {
        UUID rehearsal = rehearsals.start(id, body, caller == null ? null : caller.getName());
        return ResponseEntity.accepted().location(URI.create("/api/v1/rehearsals/" + rehearsal))
                .body(view(rehearsals.get(rehearsal)));
    }

    @GetMapping("/api/v1/campaigns/{id}/rehearsals")
    List<RehearsalView> ofCampaign(@PathVariable UUID id) {
        return rehearsals.ofCampaign(id).stream().map(RehearsalController::summaryView).toList();
    }

    /** A rehearsal: RUNNING, then DONE with its report (or FAILED with the error). */
    @GetMapping("/api/v1/rehearsals/{id}")
    RehearsalView get(@PathVariable UUID id) {
        return view(rehearsals.get(id));
    }

    /** Two rehearsals side by side (e.g. two drafts, or one draft with two overrides), with the key figures paired. */
    @GetMapping("/api/v1/rehearsals/compare")
    Comparison compare(@RequestParam UUID a, @RequestParam UUID b) {
        RehearsalView left = view(rehearsals.get(a));
        RehearsalView right = view(rehearsals.get(b));
        Map<String, List<Object>> figures = new LinkedHashMap<>();
        if (left.report() != null && right.report() != null) {
            RehearsalReport x = left.report();
            RehearsalReport y = right.report();
            figures.put("orgs", List.of(x.orgs(), y.orgs()));
            figures.put("waves", List.of(x.waves().size(), y.waves().size()));
            figures.put("makespanMedian", pair(x.makespan() == null ? null : x.makespan().median(),
                    y.makespan() == null ? null : y.makespan().median()));
            figures.put("makespanP95", pair(x.makespan() == null ? null : x.makespan().p95(),
                    y.makespan() == null ? null : y.makespan().p95()));
            figures.put("haltProbability", List.of(x.halt().probability(), y.halt().probability()));
            figures.put("failedMean", List.of(x.failed().mean() + x.timedOut().mean(),
                    y.failed().mean() + y.timedOut().mean()));
            figures.put("safetyBound", pair(x.safety().bound(), y.safety().bound()));
            figures.put("maxExposed", List.of(x.safety().maxExposed(), y.safety().maxExposed()));
            figures.put("emailsMean", List.of(x.emails().values().stream().mapToDouble(Double::doubleValue).sum(),
                    y.emails().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        return new Comparison(left, right, figures);
    }

    private static List<Object> pair(Object x, Object y) {
        return java.util.Arrays.asList(x, y);
    }

    private static RehearsalView view(RehearsalStore.Row row) {
        return new RehearsalView(row.id(), row.campaignId(), row.state(), row.seeds(), row.firstSeed(),
                row.approvalDelay(), row.overrides() == null ? null
                        : io.upshift.planner.rehearsal.Rehearsals.overrides(row.overrides()),
                row.requestedBy(), row.requestedAt(), row.finishedAt(), row.elapsedMs(), row.error(),
                Rehearsals.report(row));
    }

    private static RehearsalView summaryView(RehearsalStore.Row row) {
        RehearsalView full = view(row);
        return new RehearsalView(full.id(), full.campaignId(), full.state(), full.seeds(), full.firstSeed(),
                full.approvalDelay(), full.overrides(), full.requestedBy(), full.requestedAt(), full.finishedAt(),
                full.elapsedMs(), full.error(), null);
    }

    /**
     * @param elapsedMs how long the runs took (not part of the report, which depends on the seeds alone)
     * @param report null until DONE
     */
    record RehearsalView(UUID id, UUID campaignId, String state, int seeds, long firstSeed, Duration approvalDelay,
            Overrides overrides, String requestedBy, Instant requestedAt, Instant finishedAt, Long elapsedMs,
            String error, RehearsalReport report) {
    }

    /** @param figures each key figure as [a, b] */
    record Comparison(RehearsalView a, RehearsalView b, Map<String, List<Object>> figures) {
    }
}
