package io.upshift.planner.dispatch;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.kafka.CampaignEvents;
import io.upshift.planner.dispatch.config.DispatchProperties;
import io.upshift.planner.dispatch.domain.DeadlineWatch;
import io.upshift.planner.dispatch.jdbc.DispatchStore;
import io.upshift.planner.planning.Cancellations;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A campaign's deadline, kept by the campaign loop with the campaign locked (dispatch/DESIGN.md,
 * "Deadlines"): once it has passed, every org still waiting ends CANCELED ({@code DeadlinePassed}) and
 * its subscriber is told; until then, each sweep re-projects the finish of a running, paused or
 * halted campaign ({@link DeadlineWatch}) and says once when the projection passes the deadline
 * (AT_RISK) and once when it fits again (BACK_ON_TRACK).
 */
@Component
class DeadlineKeeper {

    /** The error code of an org canceled because the campaign's deadline passed before it was upgraded. */
    /** A projection that moved less than this is not written again: the campaign row is not rewritten every second. */
    private static final Duration NOTEWORTHY = Duration.ofSeconds(30);
    /** At most this many in-flight orgs are read for the projection (they are as many as the in-flight cap). */
    private static final int MAX_IN_FLIGHT_READ = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DeadlineKeeper.class);

    private final CampaignStore campaigns;
    private final DispatchStore store;
    private final Cancellations cancellations;
    private final CampaignEvents events;
    private final DispatchProperties properties;
    private final MeterRegistry meters;

    DeadlineKeeper(CampaignStore campaigns, DispatchStore store, Cancellations cancellations, CampaignEvents events,
            DispatchProperties properties, MeterRegistry meters) {
        this.campaigns = campaigns;
        this.store = store;
        this.cancellations = cancellations;
        this.events = events;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Once the deadline has passed, the orgs of a live campaign that still wait end CANCELED with
     * {@code DeadlinePassed}, each told so; returns whether any did. Orgs in flight finish: their push
     * started before the deadline.
     */
    boolean cancelAtDeadline(Campaign campaign, List<Wave> current, Instant now) {
        Instant deadline = campaign.spec().schedule().deadline();
        if (deadline == null || now.isBefore(deadline) || !CampaignState.ACTIVE.contains(campaign.state())
                || current.stream().noneMatch(w -> w.counts().pending() > 0)) {
            return false;
        }
        int canceled = cancellations.cancelWaiting(campaign, CancelCodes.DEADLINE_PASSED, "the campaign's deadline " + deadline
                + " passed before this org was upgraded", now);
        Counter.builder(PlannerMetrics.TARGETS_CANCELED_AT_DEADLINE)
                .description("Orgs canceled because their campaign's deadline passed before they were upgraded")
                .tag("campaign", campaign.id().toString()).register(meters).increment(canceled);
        log.info("campaign {}: deadline {} passed, {} waiting orgs canceled", campaign.id(), deadline, canceled);
        return canceled > 0;
    }

    /** Re-projects the finish of a running, paused or halted campaign with a deadline not yet passed. */
    void watch(Campaign campaign, List<Wave> current, Instant now) {
        Instant deadline = campaign.spec().schedule().deadline();
        CampaignState state = campaign.state();
        if (deadline == null || !now.isBefore(deadline)
                || (state != CampaignState.RUNNING && state != CampaignState.PAUSED && state != CampaignState.HALTED)) {
            // after the deadline the last verdict stands: the sweep canceled what waited, the report tells the rest
            return;
        }
        WaveCounts totals = current.stream().map(Wave::counts).reduce(WaveCounts.ZERO, WaveCounts::plus);
        List<Instant> inFlight = totals.dispatched() == 0 ? List.of()
                : store.inFlightSince(campaign.id(), MAX_IN_FLIGHT_READ);
        DeadlineWatch.Projection projection = DeadlineWatch.project(new DeadlineWatch.Input(state, now, deadline,
                current.stream().filter(w -> w.state() != WaveState.PASSED || w.counts().pending() > 0)
                        .map(w -> new DeadlineWatch.WaveLoad(w.number(), w.state(), w.counts().pending(), w.startedAt()))
                        .toList(),
                inFlight, BlastRadius.of(campaign.spec(), properties.defaultMaxInFlight()).maxInFlight(),
                campaign.spec().pacing().maxCommandsPerMinute(), campaign.spec().pacing().expectedUpgradeDuration(),
                campaign.spec().strategy().minimumWaveDuration()));
        CampaignStore.DeadlineWatch before = campaigns.deadlineWatch(campaign.id());
        boolean atRisk = projection.atRisk();
        CampaignStore.DeadlineWatch after = new CampaignStore.DeadlineWatch(atRisk,
                atRisk ? before.atRisk() ? before.atRiskSince() : now : null, projection.finish(),
                projection.orgsAtRisk(), now);
        if (atRisk != before.atRisk()) {
            String reason = describe(state, projection, deadline);
            events.emitDeadlineWatch(campaign, atRisk, projection.finish(), projection.orgsAtRisk(), totals, reason, now);
            log.info("campaign {} {}: {}", campaign.id(), atRisk ? "at risk" : "back on track", reason);
        }
        if (noteworthy(before, after)) {
            campaigns.saveDeadlineWatch(campaign.id(), after);
        }
    }

    private static boolean noteworthy(CampaignStore.DeadlineWatch before, CampaignStore.DeadlineWatch after) {
        if (before.projectedAt() == null || before.atRisk() != after.atRisk()
                || !java.util.Objects.equals(before.orgsAtRisk(), after.orgsAtRisk())
                || (before.projectedFinish() == null) != (after.projectedFinish() == null)) {
            return true;
        }
        return after.projectedFinish() != null
                && Duration.between(before.projectedFinish(), after.projectedFinish()).abs().compareTo(NOTEWORTHY) >= 0;
    }

    static String describe(CampaignState state, DeadlineWatch.Projection projection, Instant deadline) {
        if (projection.finish() == null) {
            return "the campaign is " + state + " and cannot finish: " + projection.orgsAtRisk()
                    + " orgs will not be upgraded by the deadline " + deadline + " unless it is resumed";
        }
        return "projected to finish at " + projection.finish() + (projection.atRisk()
                ? ", after the deadline " + deadline + ": " + projection.orgsAtRisk() + " orgs at risk"
                : ", by the deadline " + deadline) + " (pushes of " + projection.push() + ")";
    }
}
