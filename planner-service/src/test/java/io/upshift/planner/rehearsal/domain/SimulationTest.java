package io.upshift.planner.rehearsal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.PushErrorType;
import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Ramp;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.ChronicOrgs;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.gate.domain.WaveProgression;
import io.upshift.planner.operations.CampaignScheduling;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.planning.domain.Candidate;
import io.upshift.planner.planning.domain.Placement;
import io.upshift.planner.planning.domain.PlanBuilder;
import io.upshift.planner.planning.domain.UpgradeWindows;
import io.upshift.planner.planning.domain.WaveKind;
import io.upshift.planner.planning.domain.WavePlanner;
import io.upshift.planner.planning.domain.WaveProjection;
import io.upshift.planner.planning.domain.WaveSlot;
import io.upshift.planner.planning.domain.WindowPlanner;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tiny campaigns whose course can be worked out by hand, run through the real plan and the live rules. */
class SimulationTest {

    static final Instant START = Instant.parse("2026-12-07T00:00:00Z");
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    static final GateRule GATE = new GateRule(BigDecimal.TEN, 2, Set.of());

    /** A twin whose every push takes exactly ten minutes and none fails. */
    static Twin steady(FailureModel failures) {
        return new Twin(LatencyModel.fixed(TEN_MINUTES), failures, Map.of(), Twin.Retry.EXECUTOR_DEFAULT,
                0, 0, List.of());
    }

    /** {@code n} always-open production orgs on two pods, planned by the planner's own PlanBuilder. */
    static RehearsalPlan plan(int n, Strategy strategy, Integer maxInFlight, boolean approval, Duration approvalDelay) {
        List<WaveSlot> slots = WavePlanner.plan(strategy, 0, n);
        UpgradeWindows windows = new UpgradeWindows(new WindowPlanner(List.of()), true, null, null);
        Pacing pacing = new Pacing(null, maxInFlight, null, null, TEN_MINUTES);
        PlanBuilder builder = new PlanBuilder(slots, false, START, pacing, Duration.ZERO, windows);
        List<TwinOrg> orgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = new Candidate(String.format("00D%015d", i), OrgType.PRODUCTION, i % 2 == 0 ? "NA1" : "EU2",
                    ZoneOffset.UTC, Optional.of(MaintenanceWindow.ALWAYS_OPEN));
            Placement.Placed placed = (Placement.Placed) builder.place(c);
            orgs.add(new TwinOrg(c, placed.wave(), placed.window(), TEN_MINUTES));
        }
        List<RehearsalPlan.PlannedWave> waves = new ArrayList<>();
        for (WaveProjection w : builder.projections()) {
            waves.add(new RehearsalPlan.PlannedWave(w.number(), w.kind(), w.size(),
                    WaveProgression.WaveStatus.of(CampaignScheduling.wave(w))));
        }
        RehearsalPlan.Rules rules = new RehearsalPlan.Rules(START, "2.0", GATE, approval, false, Duration.ZERO,
                new ReleaseLimits(null, maxInFlight, null, 2000), Duration.ofHours(4), null, null, Duration.ZERO,
                approvalDelay, Duration.ofSeconds(1), Duration.ofMillis(25), maxInFlight == null ? null : GATE.minimumFinished() + maxInFlight,
                "bound");
        return new RehearsalPlan(orgs, waves, rules, windows);
    }

    @Test
    void tenOrgsFiveAtATimeOfTenMinutesEachTakeTwentyMinutes() {
        RehearsalReport report = MonteCarlo.rehearse(plan(10, Strategy.ALL_AT_ONCE, 5, false, Duration.ZERO),
                steady(FailureModel.NONE), 3, 1);

        assertThat(report.makespan().median()).isEqualTo(Duration.ofMinutes(20));
        assertThat(report.makespan().p95()).isEqualTo(Duration.ofMinutes(20));
        assertThat(report.succeeded().median()).isEqualTo(10);
        assertThat(report.halt().probability()).isZero();
        assertThat(report.emails()).containsEntry("ADVANCE_NOTICE", 10.0).containsEntry("RESULT", 10.0)
                .containsEntry("WAVE_PASSED_REPORT", 1.0).containsEntry("CAMPAIGN_ENDED_REPORT", 1.0);
    }

    @Test
    void everyProductionWaveWaitsForItsApprovalTheDelayAssumed() {
        // canary of 1 org, then the other 3 at once; each wave waits an hour for its approval, pushes take 10 min
        Strategy strategy = new Strategy(false, new Canary(1, null), Ramp.SINGLE, true, Duration.ZERO);
        RehearsalReport report = MonteCarlo.rehearse(plan(4, strategy, null, true, Duration.ofHours(1)),
                steady(FailureModel.NONE), 2, 1);

        assertThat(report.makespan().median()).isEqualTo(Duration.ofMinutes(140));
        assertThat(report.waves()).extracting(RehearsalReport.WaveReport::medianStart)
                .containsExactly(START.plus(Duration.ofHours(1)), START.plus(Duration.ofMinutes(130)));
        assertThat(report.emails()).containsEntry("APPROVAL_REQUEST", 2.0);
    }

    @Test
    void aBadReleaseHaltsInTheCanaryWithinTheSafetyBound() {
        Strategy strategy = new Strategy(false, new Canary(null, BigDecimal.valueOf(5)), new Ramp(
                io.upshift.planner.campaign.domain.CampaignSpec.RampType.DOUBLING, List.of()), false, Duration.ZERO);
        RehearsalReport report = MonteCarlo.rehearse(plan(400, strategy, 10, false, Duration.ZERO),
                steady(FailureModel.badRelease("2.0", PushErrorType.APEX_TEST_FAILURE)), 5, 1);

        assertThat(report.halt().probability()).isEqualTo(1.0);
        assertThat(report.halt().byWave()).containsOnlyKeys(1);
        assertThat(report.safety().held()).isTrue();
        assertThat(report.safety().maxExposed()).isLessThanOrEqualTo(12);
        assertThat(report.failuresByType()).containsOnlyKeys("ApexTestFailure");
        assertThat(report.emails()).containsEntry("HALTED_REPORT", 1.0);
    }

    @Test
    void theSameSeedsGiveTheSameReport() {
        FailureModel some = FailureModel.NONE.withFleet(TwinFit.DEFAULT_FLEET_RATES).withUnavailableRate(0.1);
        Twin twin = new Twin(LatencyModel.logNormal(TEN_MINUTES, Duration.ofMinutes(40)), some, Map.of(),
                Twin.Retry.EXECUTOR_DEFAULT, 0, 0, List.of());
        RehearsalPlan plan = plan(300, Strategy.ALL_AT_ONCE, 20, false, Duration.ZERO);

        RehearsalReport first = MonteCarlo.rehearse(plan, twin, 20, 7);
        RehearsalReport again = MonteCarlo.rehearse(plan, twin, 20, 7);
        RehearsalReport other = MonteCarlo.rehearse(plan, twin, 20, 8);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.makespan().p5()).isLessThanOrEqualTo(first.makespan().median());
        assertThat(first.makespan().median()).isLessThanOrEqualTo(first.makespan().p95());
    }

    @Test
    void aWaveKeepsTheApprovalTheStrategyGivesItAsTheLiveGateDoes() {
        // canary of 1 org, then 3 that are the package's chronic orgs; the campaign needs no approval, but the
        // strategy asks one for the chronic orgs' wave: the rehearsal waits the assumed hour before it
        Strategy strategy = new Strategy(false, new Canary(1, null), Ramp.SINGLE, false, Duration.ZERO);
        RehearsalPlan plan = plan(4, strategy, null, false, Duration.ofHours(1));
        CampaignSpec base = Specs.spec();
        Strategy asked = new Strategy(false, new Canary(1, null), Ramp.SINGLE, false, Duration.ZERO,
                new ChronicOrgs(ChronicOrgs.Placement.LAST_WAVE, true), List.of());
        CampaignSpec spec = new CampaignSpec(base.name(), base.packageId(), base.targetVersion(), base.selection(),
                asked, base.schedule(), base.pacing(), GATE, base.orgTimeout(), base.supportContact(),
                base.createdBy());
        List<RehearsalPlan.PlannedWave> waves = new ArrayList<>();
        for (RehearsalPlan.PlannedWave w : plan.waves()) {
            WaveKind kind = w.number() == 2 ? WaveKind.CHRONIC : w.kind();
            WaveProjection projection = new WaveProjection(w.number(), kind, w.size(), START, START, START, START);
            waves.add(new RehearsalPlan.PlannedWave(w.number(), kind, w.size(),
                    WaveProgression.WaveStatus.of(CampaignScheduling.wave(projection), spec)));
        }

        RehearsalReport report = MonteCarlo.rehearse(new RehearsalPlan(plan.orgs(), waves, plan.rules(),
                plan.windows()), steady(FailureModel.NONE), 2, 1);

        assertThat(report.makespan().median()).isEqualTo(Duration.ofMinutes(80));
        assertThat(report.emails()).containsEntry("APPROVAL_REQUEST", 1.0);
    }

    @Test
    void anOutcomeWakesTheLoopAsLiveSoAFreedSlotIsNotLeftEmptyUntilTheNextTimedRound() {
        // one slot, pushes of 100 ms, a 1 s round: each outcome wakes the loop (CampaignLoop) and the next org
        // goes at once — ten pushes end after 1 s, not one per round (9.1 s)
        Twin fast = new Twin(LatencyModel.fixed(Duration.ofMillis(100)), FailureModel.NONE, Map.of(),
                Twin.Retry.EXECUTOR_DEFAULT, 0, 0, List.of());

        RehearsalReport report = MonteCarlo.rehearse(plan(10, Strategy.ALL_AT_ONCE, 1, false, Duration.ZERO), fast,
                1, 1);

        assertThat(report.makespan().median()).isEqualTo(Duration.ofSeconds(1));
    }
}
