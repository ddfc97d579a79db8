package io.upshift.planner.gate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.ChronicOrgs;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.gate.domain.WaveProgression.Step;
import io.upshift.planner.gate.domain.WaveProgression.WaveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pilot wave is judged by its list's gate; the chronic orgs' last wave may wait for approval on its own. */
class PilotAndChronicProgressionTest {

    private static final Instant NOW = Specs.NOW;
    private static final GateRule CAMPAIGN_GATE = Specs.gate(10, 10);
    private static final GateRule STRICT = Specs.gate(0, 1);

    private static CampaignSpec spec(ChronicOrgs chronic) {
        CampaignSpec base = Specs.spec();
        Strategy s = base.strategy();
        return new CampaignSpec(base.name(), base.packageId(), base.targetVersion(), base.selection(),
                new Strategy(s.sandboxesFirst(), s.canary(), s.ramp(), false, Duration.ZERO, chronic,
                        List.of(new PilotWave("test orgs", STRICT))), base.schedule(), base.pacing(), CAMPAIGN_GATE,
                base.orgTimeout(), base.supportContact(), base.createdBy());
    }

    @Test
    void aPilotWaveIsJudgedByItsListsGateNotTheCampaigns() {
        // one failure in 5 finished orgs of 20: under the campaign's minimum of 10 finished, yet the list's gate
        // (no failure from the first finished org on) trips
        Wave pilot = wave(1, "PILOT", WaveState.RUNNING, new WaveCounts(20, 0, 15, 4, 1, 0, 0, 0), "test orgs");

        List<Step> steps = WaveProgression.decide(input(spec(ChronicOrgs.DEFAULT), pilot));

        assertThat(steps).singleElement().isInstanceOf(Step.HaltWave.class);
    }

    @Test
    void theSameFailuresInAnOrdinaryWaveAreJudgedByTheCampaignsGate() {
        Wave canary = wave(1, "CANARY", WaveState.RUNNING, new WaveCounts(20, 0, 15, 4, 1, 0, 0, 0), null);

        List<Step> steps = WaveProgression.decide(input(spec(ChronicOrgs.DEFAULT), canary));

        assertThat(steps).isEmpty();
    }

    @Test
    void theChronicWaveWaitsForApprovalWhenTheStrategyAsksEvenIfTheCampaignDoesNot() {
        Wave ramp = wave(1, "RAMP", WaveState.PASSED, new WaveCounts(20, 0, 0, 20, 0, 0, 0, 0), null);
        Wave chronic = wave(2, Wave.CHRONIC, WaveState.PENDING, new WaveCounts(3, 3, 0, 0, 0, 0, 0, 0), null);

        List<Step> asked = WaveProgression.decide(input(spec(new ChronicOrgs(ChronicOrgs.Placement.LAST_WAVE, true)),
                ramp, chronic));
        List<Step> notAsked = WaveProgression.decide(input(spec(ChronicOrgs.DEFAULT), ramp, chronic));

        assertThat(asked).containsExactly(new Step.RequestApproval(2));
        assertThat(notAsked).containsExactly(new Step.StartWave(2));
    }

    private static WaveProgression.Input input(CampaignSpec spec, Wave... waves) {
        return new WaveProgression.Input(CampaignState.RUNNING, spec.strategy().approvalRequired(), Duration.ZERO,
                spec.gate(), List.of(waves).stream().map(w -> WaveStatus.of(w, spec)).toList(), NOW);
    }

    private static Wave wave(int number, String kind, WaveState state, WaveCounts counts, String pilotList) {
        return new Wave(number, kind, state, NOW, NOW, counts, GateBaseline.NONE, null, null, null,
                state == WaveState.PENDING ? null : NOW.minusSeconds(60), null, null, pilotList);
    }
}
