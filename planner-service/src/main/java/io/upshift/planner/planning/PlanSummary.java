package io.upshift.planner.planning;

import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.planning.domain.DeadlineFit;
import io.upshift.planner.planning.domain.ExclusionReason;
import io.upshift.planner.planning.domain.WaveProjection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What planning found: a preview shows it, scheduling stores it with the campaign.
 *
 * @param eligible orgs placed in a wave with a window
 * @param excluded selected orgs left out, by reason
 * @param waves the non-empty waves with their sizes and projected timing
 * @param start when the first wave may start: max(earliest start, now + notice period)
 * @param firstWindowStart the earliest planned window
 * @param lastWindowEnd the latest end of a planned window
 * @param projectedEnd when the last wave is projected to end, given the caps (approval waits excluded)
 * @param warnings things a person should know, that do not stop scheduling
 * @param problems things that stop scheduling (a start before now + notice period, no eligible org)
 * @param blastRadius how many orgs can run a failing version before the gate halts a wave, with the
 *        in-flight cap that bounds it (the campaign's, or the planner's default)
 * @param deadline whether the campaign fits its deadline, with the figures to make it fit (null: no deadline)
 */
public record PlanSummary(long eligible, Map<ExclusionReason, Long> excluded, List<WaveProjection> waves, Instant start,
        Instant firstWindowStart, Instant lastWindowEnd, Instant projectedEnd, List<String> warnings,
        List<Problem> problems, BlastRadius blastRadius, DeadlineFit deadline) {

    /** A reason scheduling is refused, naming the field to change. */
    public record Problem(String field, String message) {
    }
}
