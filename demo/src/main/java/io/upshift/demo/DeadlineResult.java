package io.upshift.demo;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a deadline scenario ended with, and whether it ended as intended.
 *
 * @param campaign the body the campaign was created with
 * @param windowStart the campaign window's opening (the hotfix), or null
 * @param deadline the campaign's deadline
 * @param endedAt when the follow loop stopped (the campaign's final state, or the timeout)
 * @param preview the preview before scheduling, with its deadline fit ({@code plan.deadline})
 * @param projectedFinish the preview's projected finish
 * @param status the campaign's last view
 * @param atRiskAt when the campaign view first said {@code atRisk}, or null
 * @param atRiskStatus that view
 * @param approvedAt when the second person approved the first wave, or null
 * @param orgs the campaign's org targets
 * @param pushStarts when the simulated fleet started each push job of those orgs
 * @param report the deadline report (JSON), or null when the planner has none
 * @param reportCsv the deadline report as CSV, or null
 * @param productionOrgsPushed production orgs the target version was pushed to
 */
public record DeadlineResult(DeadlineScenario.Options options, String campaignId, String packageId,
        Map<String, Object> campaign, Instant windowStart, Instant deadline, Instant scheduledAt, Instant endedAt,
        JsonNode preview, Instant projectedFinish, JsonNode status, Instant atRiskAt, JsonNode atRiskStatus,
        Instant approvedAt, List<JsonNode> orgs, Map<String, List<Instant>> pushStarts, JsonNode report,
        String reportCsv, long productionOrgsPushed) {

    static final String DEADLINE_PASSED = "DeadlinePassed";
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "TIMED_OUT");

    public String state() {
        return status.path("state").asText();
    }

    public long count(String orgState) {
        return status.path("counts").path(orgState).asLong();
    }

    /** Orgs canceled because the deadline came first. */
    public long deadlinePassed() {
        return orgs.stream().filter(o -> DEADLINE_PASSED.equals(o.path("errorCode").asText(null))).count();
    }

    /** When the last org finished (its push ended), or null when none did. */
    public Instant lastOrgFinished() {
        return orgs.stream().filter(o -> FINISHED.contains(o.path("state").asText()))
                .map(o -> o.path("finishedAt").asText(null)).filter(Objects::nonNull).map(Instant::parse)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** Every push started, over all the campaign's orgs. */
    public List<Instant> allPushStarts() {
        return pushStarts.values().stream().flatMap(List::stream).sorted().toList();
    }

    /** Every org finished before the deadline, none canceled for it, and the campaign completed. */
    public boolean deadlineHeld() {
        Instant last = lastOrgFinished();
        return state().equals("COMPLETED") && deadlinePassed() == 0 && (last == null || !last.isAfter(deadline));
    }

    /** The bound a bad release is held to: the gate's sample plus the in-flight cap. */
    public long safetyBound() {
        return DeadlineScenario.GATE_MINIMUM_FINISHED + status.path("definition").path("pacing").path("maxInFlight").asLong();
    }

    /**
     * The scenario's own success: the bad release halted within the bound; the at-risk variant raised
     * the risk before the deadline and orgs ended DeadlinePassed; the others held their deadline.
     */
    public boolean asIntended() {
        if (options.badRelease()) {
            return state().equals("HALTED") && productionOrgsPushed <= safetyBound();
        }
        if (options.atRisk()) {
            return atRiskAt != null && atRiskAt.isBefore(deadline) && deadlinePassed() > 0;
        }
        return deadlineHeld();
    }
}
