package io.upshift.planner.gate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.Specs;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import io.upshift.planner.gate.domain.WaveProgression.Step;
import io.upshift.planner.gate.domain.WaveProgression.WaveStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveProgressionTest {

    private static final Instant NOW = Specs.NOW;
    private static final GateRule GATE = Specs.gate(5, 10);

    @Test
    void startsTheFirstWaveOfAStartedCampaign() {
        List<Step> steps = decide(CampaignState.RUNNING, false, pending(1, 20), pending(2, 40));

        assertThat(steps).containsExactly(new Step.StartWave(1));
    }

    @Test
    void haltsTheWaveAndStopsWhenTheCanaryFails() {
        // given a canary with 6 failures in 12 finished
        WaveStatus canary = running(1, new WaveCounts(20, 0, 8, 6, 6, 0, 0, 0));

        List<Step> steps = decide(CampaignState.RUNNING, false, canary, pending(2, 40));

        assertThat(steps).singleElement().isInstanceOfSatisfying(Step.HaltWave.class,
                halt -> assertThat(halt.wave()).isEqualTo(1));
    }

    @Test
    void passesAFinishedWaveAndStartsTheNext() {
        WaveStatus canary = running(1, new WaveCounts(20, 0, 0, 20, 0, 0, 0, 0));

        List<Step> steps = decide(CampaignState.RUNNING, false, canary, pending(2, 40));

        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isInstanceOf(Step.PassWave.class);
        assertThat(steps.get(1)).isEqualTo(new Step.StartWave(2));
    }

    @Test
    void asksForApprovalOnceBeforeTheNextWaveWhenTheCampaignWantsIt() {
        WaveStatus canary = running(1, new WaveCounts(20, 0, 0, 20, 0, 0, 0, 0));

        List<Step> first = decide(CampaignState.RUNNING, true, canary, pending(2, 40));
        List<Step> again = decide(CampaignState.RUNNING, true, passed(1, 20),
                new WaveStatus(2, WaveState.PENDING, counts(40), GateBaseline.NONE, null, true, false));
        List<Step> approved = decide(CampaignState.RUNNING, true, passed(1, 20),
                new WaveStatus(2, WaveState.PENDING, counts(40), GateBaseline.NONE, null, true, true));

        assertThat(first).last().isEqualTo(new Step.RequestApproval(2));
        assertThat(again).isEmpty();
        assertThat(approved).containsExactly(new Step.StartWave(2));
    }

    @Test
    void asksForApprovalBeforeAFirstWaveOfProductionOrgs() {
        // a canary that goes first (no sandboxes ahead of it) touches production: it waits like any later wave
        List<Step> first = decide(CampaignState.RUNNING, true, pending(1, 5), pending(2, 40));
        List<Step> approved = decide(CampaignState.RUNNING, true,
                new WaveStatus(1, WaveState.PENDING, counts(5), GateBaseline.NONE, null, true, true), pending(2, 40));

        assertThat(first).containsExactly(new Step.RequestApproval(1));
        assertThat(approved).containsExactly(new Step.StartWave(1));
    }

    @Test
    void startsAFirstWaveOfSandboxesWithoutApproval() {
        WaveStatus sandboxes = new WaveStatus(1, WaveState.PENDING, counts(5), GateBaseline.NONE, null, false, false,
                true);

        assertThat(decide(CampaignState.RUNNING, true, sandboxes, pending(2, 40)))
                .containsExactly(new Step.StartWave(1));
    }

    @Test
    void keepsAWaveRunningForItsMinimumDuration() {
        WaveStatus done = new WaveStatus(1, WaveState.RUNNING, new WaveCounts(5, 0, 0, 5, 0, 0, 0, 0),
                GateBaseline.NONE, NOW.minusSeconds(30), false, false);
        WaveProgression.Input input = new WaveProgression.Input(CampaignState.RUNNING, false, Duration.ofMinutes(1),
                GATE, List.of(done), NOW);

        assertThat(WaveProgression.decide(input)).isEmpty();
        assertThat(WaveProgression.decide(new WaveProgression.Input(CampaignState.RUNNING, false,
                Duration.ofMinutes(1), GATE, List.of(done), NOW.plusSeconds(30)))).hasSize(2);
    }

    @Test
    void completesWhenTheLastWavePasses() {
        List<Step> steps = decide(CampaignState.RUNNING, false, passed(1, 20),
                running(2, new WaveCounts(40, 0, 0, 39, 1, 0, 0, 0)));

        assertThat(steps).last().isEqualTo(new Step.Complete());
    }

    @Test
    void waitsForRetriedOrgsOfAPassedWaveBeforeCompleting() {
        WaveStatus retried = new WaveStatus(1, WaveState.PASSED, new WaveCounts(20, 1, 0, 19, 0, 0, 0, 0),
                GateBaseline.NONE, NOW.minusSeconds(600), false, false);

        assertThat(decide(CampaignState.RUNNING, false, retried)).isEmpty();
    }

    @Test
    void aPausedCampaignFinishesItsWaveButStartsNoOther() {
        WaveStatus canary = running(1, new WaveCounts(20, 0, 0, 20, 0, 0, 0, 0));

        List<Step> steps = decide(CampaignState.PAUSED, false, canary, pending(2, 40));

        assertThat(steps).singleElement().isInstanceOf(Step.PassWave.class);
    }

    @Test
    void aHaltedOrCanceledCampaignDoesNotMove() {
        WaveStatus canary = running(1, new WaveCounts(20, 0, 0, 20, 0, 0, 0, 0));

        assertThat(decide(CampaignState.HALTED, false, canary)).isEmpty();
        assertThat(decide(CampaignState.CANCELED, false, canary)).isEmpty();
    }

    @Test
    void anUrgentCampaignsFirstWaveWaitsForApprovalEvenOfSandboxesAndEvenWithoutApprovalRequired() {
        WaveStatus sandboxes = new WaveStatus(1, WaveState.PENDING, counts(5), GateBaseline.NONE, null, false, false,
                true);
        WaveStatus approvedSandboxes = new WaveStatus(1, WaveState.PENDING, counts(5), GateBaseline.NONE, null, true,
                true, true);

        for (boolean approvalRequired : new boolean[] {false, true}) {
            assertThat(urgent(CampaignState.RUNNING, approvalRequired, sandboxes, pending(2, 40)))
                    .as("approvalRequired=%s", approvalRequired).containsExactly(new Step.RequestApproval(1));
            assertThat(urgent(CampaignState.RUNNING, approvalRequired, pending(1, 5), pending(2, 40)))
                    .containsExactly(new Step.RequestApproval(1));
            assertThat(urgent(CampaignState.RUNNING, approvalRequired, approvedSandboxes, pending(2, 40)))
                    .containsExactly(new Step.StartWave(1));
        }
        // later waves wait only when the campaign asks for approval: urgency changes the first wave alone
        assertThat(urgent(CampaignState.RUNNING, false, passed(1, 5), pending(2, 40)))
                .containsExactly(new Step.StartWave(2));
        // a paused urgent campaign asks nothing and starts nothing, approved or not; resumed, it waits again
        assertThat(urgent(CampaignState.PAUSED, false, sandboxes, pending(2, 40))).isEmpty();
        assertThat(urgent(CampaignState.PAUSED, false, approvedSandboxes, pending(2, 40))).isEmpty();
        // a retry runs an approved first wave again without a second approval, but never an unapproved one
        WaveStatus retried = new WaveStatus(1, WaveState.RUNNING, new WaveCounts(5, 2, 0, 3, 0, 0, 0, 0),
                GateBaseline.NONE, NOW.minusSeconds(60), true, true, true);
        assertThat(urgent(CampaignState.RUNNING, false, retried, pending(2, 40))).isEmpty();
    }

    @Test
    void afterTheDeadlineWavesWithNothingLeftPassAtOnceAndTheCampaignCompletes() {
        // wave 1 ran its orgs but not its hour of soak; wave 2 waits for approval; all their orgs ended (canceled)
        WaveStatus soaking = new WaveStatus(1, WaveState.RUNNING, new WaveCounts(5, 0, 0, 3, 0, 0, 2, 0),
                GateBaseline.NONE, NOW.minusSeconds(60), false, false);
        WaveStatus canceled = new WaveStatus(2, WaveState.PENDING, new WaveCounts(40, 0, 0, 0, 0, 0, 40, 0),
                GateBaseline.NONE, null, true, false);

        List<Step> before = WaveProgression.decide(new WaveProgression.Input(CampaignState.RUNNING, true,
                Duration.ofHours(1), GATE, List.of(soaking, canceled), NOW, false, false));
        List<Step> after = WaveProgression.decide(new WaveProgression.Input(CampaignState.RUNNING, true,
                Duration.ofHours(1), GATE, List.of(soaking, canceled), NOW, false, true));
        List<Step> paused = WaveProgression.decide(new WaveProgression.Input(CampaignState.PAUSED, true,
                Duration.ofHours(1), GATE, List.of(passed(1, 5), canceled), NOW, false, true));
        List<Step> inFlight = WaveProgression.decide(new WaveProgression.Input(CampaignState.RUNNING, true,
                Duration.ofHours(1), GATE, List.of(running(1, new WaveCounts(5, 0, 2, 3, 0, 0, 0, 0)), canceled), NOW,
                false, true));

        assertThat(before).isEmpty();
        assertThat(after).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("PassWave", "PassWave", "Complete");
        assertThat(paused).extracting(s -> s.getClass().getSimpleName()).containsExactly("PassWave", "Complete");
        assertThat(inFlight).isEmpty();
    }

    private static List<Step> urgent(CampaignState state, boolean approval, WaveStatus... waves) {
        return WaveProgression.decide(new WaveProgression.Input(state, approval, Duration.ZERO, GATE, List.of(waves),
                NOW, true, false));
    }

    private static List<Step> decide(CampaignState state, boolean approval, WaveStatus... waves) {
        return WaveProgression.decide(new WaveProgression.Input(state, approval, Duration.ZERO, GATE, List.of(waves), NOW));
    }

    private static WaveCounts counts(int total) {
        return new WaveCounts(total, total, 0, 0, 0, 0, 0, 0);
    }

    private static WaveStatus pending(int number, int total) {
        return new WaveStatus(number, WaveState.PENDING, counts(total), GateBaseline.NONE, null, false, false);
    }

    private static WaveStatus running(int number, WaveCounts counts) {
        return new WaveStatus(number, WaveState.RUNNING, counts, GateBaseline.NONE, NOW.minusSeconds(60), false, false);
    }

    private static WaveStatus passed(int number, int total) {
        return new WaveStatus(number, WaveState.PASSED, new WaveCounts(total, 0, 0, total, 0, 0, 0, 0),
                GateBaseline.NONE, NOW.minusSeconds(600), false, false);
    }
}
