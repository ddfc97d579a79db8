package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.BlastRadius;
import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.campaign.domain.Urgency;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.jdbc.CampaignStore;
import io.upshift.planner.campaign.jdbc.TargetQueries;
import io.upshift.planner.gate.domain.Gate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the campaign API answers. */
final class CampaignViews {

    private CampaignViews() {
    }

    /**
     * A campaign with where it stands.
     *
     * @param counts targets by state (all states, zeros included)
     * @param waves the waves with their counts and gate readings
     * @param scheduledBy who scheduled it: neither they nor its creator may approve its first production wave
     * @param plan what planning found when the campaign was scheduled (null for a draft)
     * @param blastRadius how many orgs can run a failing version before the gate halts a wave, with the
     *        caps the dispatcher applies now (the campaign's, or the planner's default in-flight cap)
     * @param deadline complete by (null: none); orgs still waiting then end CANCELED with DeadlinePassed
     * @param urgency why the campaign is urgent (null: it is not): its first wave waits for a second person
     * @param projectedFinish when the planner last projected the last org done (null: not projected, or it
     *        cannot finish being paused or halted)
     * @param atRisk the live campaign's projection passes its deadline
     * @param orgsAtRisk waiting and in-flight orgs the last projection does not see upgraded by the deadline
     * @param canceledAtDeadline orgs CANCELED because the deadline passed before they were upgraded
     */
    record CampaignView(UUID id, String name, String state, int version, String packageId, String packageName,
            String targetVersion, String targetVersionId, String createdBy, Instant createdAt, Instant updatedAt,
            Instant scheduledAt, String scheduledBy, Instant startsAt, Instant startedAt, Instant finishedAt,
            String stateReason, Map<String, Long> counts, List<WaveView> waves, CampaignSpec definition, Object plan,
            BlastRadius blastRadius, Instant deadline, Urgency urgency, Instant projectedFinish, boolean atRisk,
            Integer orgsAtRisk, int canceledAtDeadline) {
    }

    /** The planner's watch over a campaign's deadline, as the view shows it. */
    record DeadlineFacts(CampaignStore.DeadlineWatch watch, int canceledAtDeadline) {

        static final DeadlineFacts NONE = new DeadlineFacts(CampaignStore.DeadlineWatch.NONE, 0);
    }

    record WaveView(int number, String kind, String state, boolean awaitingApproval, Instant plannedStart,
            Instant plannedEnd, Instant startedAt, Instant finishedAt, String stateReason, String approvedBy,
            Instant approvedAt, Map<String, Integer> counts, int finished, BigDecimal failureRatePercent) {
    }

    /** A campaign in a list. */
    record CampaignSummary(UUID id, String name, String state, int version, String packageId, String targetVersion,
            Instant createdAt, Instant startsAt, Instant finishedAt) {
    }

    record TargetView(String orgId, String orgName, String orgType, String instance, int wave, String state,
            String fromVersion, String versionAfter, Instant windowStart, Instant windowEnd, Duration expectedDuration,
            Instant releaseBy, int reschedules,
            int attempt, UUID commandId, Instant dispatchedAt, Instant finishedAt, String errorCategory,
            String errorCode, String errorMessage) {
    }

    /** A page of a keyset-paginated list: pass {@code next} as {@code after} to get the next page. */
    record Page<T>(List<T> items, String next) {
    }

    record HistoryView(UUID campaignId, String campaignName, String packageId, String packageName,
            String targetVersion, String campaignState, Instant campaignCreatedAt, TargetView target) {
    }

    static CampaignView view(Campaign c, Map<TargetState, Long> counts, List<Wave> waves, Object plan,
            int defaultMaxInFlight) {
        return view(c, counts, waves, plan, defaultMaxInFlight, DeadlineFacts.NONE);
    }

    static CampaignView view(Campaign c, Map<TargetState, Long> counts, List<Wave> waves, Object plan,
            int defaultMaxInFlight, DeadlineFacts deadline) {
        Map<String, Long> byState = new LinkedHashMap<>();
        counts.forEach((state, n) -> byState.put(state.name(), n));
        CampaignStore.DeadlineWatch watch = deadline.watch();
        boolean watched = c.spec().schedule().deadline() != null && watch.projectedAt() != null;
        return new CampaignView(c.id(), c.spec().name(), c.state().name(), c.version(), c.spec().packageId(),
                c.packageName(), c.spec().targetVersion(), c.targetVersionId(), c.spec().createdBy(), c.createdAt(),
                c.updatedAt(), c.scheduledAt(), c.scheduledBy(), c.startsAt(), c.startedAt(), c.finishedAt(),
                c.stateReason(), byState,
                waves.stream().map(w -> wave(w, c.spec())).toList(), c.spec(), plan,
                BlastRadius.of(c.spec(), defaultMaxInFlight), c.spec().schedule().deadline(),
                c.spec().schedule().urgency(), watched ? watch.projectedFinish() : null,
                // the verdict is about a live campaign: a finished one is at risk of nothing any more
                watched && watch.atRisk() && CampaignState.ACTIVE.contains(c.state()),
                watched ? watch.orgsAtRisk() : null, deadline.canceledAtDeadline());
    }

    static WaveView wave(Wave w, CampaignSpec spec) {
        Gate.Decision gate = Gate.evaluate(PilotWave.gateOf(spec, w), w.counts(), w.baseline());
        return new WaveView(w.number(), w.kind(), w.state().name(), w.awaitingApproval(), w.plannedStart(),
                w.plannedEnd(), w.startedAt(), w.finishedAt(), w.stateReason(), w.approvedBy(), w.approvedAt(),
                counts(w.counts()), gate.finished(), gate.failureRatePercent());
    }

    static Map<String, Integer> counts(WaveCounts c) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("total", c.total());
        counts.put("pending", c.pending());
        counts.put("dispatched", c.dispatched());
        counts.put("succeeded", c.succeeded());
        counts.put("failed", c.failed());
        counts.put("skipped", c.skipped());
        counts.put("canceled", c.canceled());
        counts.put("timedOut", c.timedOut());
        return counts;
    }

    static CampaignSummary summary(Campaign c) {
        return new CampaignSummary(c.id(), c.spec().name(), c.state().name(), c.version(), c.spec().packageId(),
                c.spec().targetVersion(), c.createdAt(), c.startsAt(), c.finishedAt());
    }

    static TargetView target(TargetQueries.Target t) {
        return new TargetView(t.orgId(), t.orgName(), t.orgType(), t.instance(), t.wave(), t.state().name(),
                t.fromVersion(), t.versionAfter(), t.windowStart(), t.windowEnd(), t.expectedDuration(), t.releaseBy(),
                t.reschedules(), t.attempt(),
                t.commandId(), t.dispatchedAt(), t.finishedAt(), t.errorCategory(), t.errorCode(), t.errorMessage());
    }
}
