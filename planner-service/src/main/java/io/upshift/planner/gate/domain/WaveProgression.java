package io.upshift.planner.gate.domain;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.GateBaseline;
import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.campaign.domain.PilotWave;
import io.upshift.planner.campaign.domain.Wave;
import io.upshift.planner.campaign.domain.WaveCounts;
import io.upshift.planner.campaign.domain.WaveState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Decides what happens next to a campaign's waves, from their counts and the clock: a running wave
 * whose gate trips halts (and so does the campaign); a running wave whose orgs are all done, and
 * that ran at least the minimum wave duration, passes; then the next wave starts — or waits for a
 * person's approval — and after the last one the campaign completes. When the campaign requires
 * approval, every wave waits for it except a first wave of sandboxes only: whatever the wave order,
 * no production org is released before a person approved. An urgent campaign's first wave waits for
 * approval whatever the campaign says and whatever its orgs are (its approver is a second person:
 * campaign/domain/FourEyes). Once the campaign's deadline has passed, a wave with no org waiting or in
 * flight passes at once — no soak, no approval: nothing is left for either to protect — so a campaign
 * whose orgs all ended completes.
 *
 * <p>It is evaluated after every change of counts (outcomes, timeouts) and on every tick of the
 * campaign loop (for the minimum wave duration), always with the campaign locked.
 */
public final class WaveProgression {

    private WaveProgression() {
    }

    public static List<Step> decide(Input input) {
        CampaignState state = input.campaignState();
        if (!state.canHalt() && !state.canComplete()) {
            return List.of();
        }
        List<WaveStatus> waves = new ArrayList<>(input.waves());
        waves.sort(Comparator.comparingInt(WaveStatus::number));
        List<Step> steps = new ArrayList<>();
        boolean running = false;
        for (int i = 0; i < waves.size(); i++) {
            WaveStatus wave = waves.get(i);
            if (wave.state() != WaveState.RUNNING) {
                continue;
            }
            Gate.Decision decision = Gate.evaluate(wave.ruleOr(input.rule()), wave.counts(), wave.baseline());
            if (decision.tripped()) {
                steps.add(new Step.HaltWave(wave.number(), decision));
                return steps;
            }
            boolean soaked = wave.startedAt() == null || input.deadlinePassed()
                    || !input.now().isBefore(wave.startedAt().plus(input.minimumWaveDuration()));
            if (wave.counts().allTerminal() && soaked) {
                steps.add(new Step.PassWave(wave.number(), decision));
                waves.set(i, wave.withState(WaveState.PASSED));
            } else {
                running = true;
            }
        }
        if (running || waves.stream().anyMatch(w -> w.state() == WaveState.HALTED)) {
            return steps;
        }
        if (input.deadlinePassed()) {
            // nothing may be released any more: waves left with nothing to do pass, in order
            for (int i = 0; i < waves.size(); i++) {
                WaveStatus wave = waves.get(i);
                if (wave.state() != WaveState.PENDING) {
                    continue;
                }
                if (!wave.counts().allTerminal()) {
                    break;
                }
                steps.add(new Step.PassWave(wave.number(),
                        Gate.evaluate(wave.ruleOr(input.rule()), wave.counts(), wave.baseline())));
                waves.set(i, wave.withState(WaveState.PASSED));
            }
        }
        WaveStatus next = waves.stream().filter(w -> w.state() == WaveState.PENDING).findFirst().orElse(null);
        if (next == null) {
            boolean allDone = waves.stream().allMatch(w -> w.state() == WaveState.PASSED && w.counts().allTerminal());
            if (allDone && state.canComplete()) {
                steps.add(new Step.Complete());
            }
            return steps;
        }
        if (state != CampaignState.RUNNING) {
            // a paused campaign finishes what is in flight but starts nothing new
            return steps;
        }
        boolean first = waves.getFirst().number() == next.number();
        boolean sandboxesFirst = first && next.sandboxesOnly();
        boolean waitsForApproval = (input.approvalRequired() && !sandboxesFirst) || (input.urgent() && first)
                || next.approvalRequired();
        if (waitsForApproval && !next.approved()) {
            if (!next.approvalRequested()) {
                steps.add(new Step.RequestApproval(next.number()));
            }
            return steps;
        }
        steps.add(new Step.StartWave(next.number()));
        return steps;
    }

    /**
     * What the decision needs.
     *
     * @param approvalRequired every wave but a first wave of sandboxes waits for a person's approval
     * @param minimumWaveDuration the soak time a wave runs at least
     * @param urgent the campaign is urgent: its first wave waits for approval, sandboxes or not
     * @param deadlinePassed the campaign's deadline has passed: nothing is released any more
     */
    public record Input(CampaignState campaignState, boolean approvalRequired, Duration minimumWaveDuration,
            GateRule rule, List<WaveStatus> waves, Instant now, boolean urgent, boolean deadlinePassed) {

        /** A campaign neither urgent nor past a deadline. */
        public Input(CampaignState campaignState, boolean approvalRequired, Duration minimumWaveDuration, GateRule rule,
                List<WaveStatus> waves, Instant now) {
            this(campaignState, approvalRequired, minimumWaveDuration, rule, waves, now, false, false);
        }

        public Input {
            Objects.requireNonNull(campaignState, "campaignState");
            minimumWaveDuration = minimumWaveDuration == null ? Duration.ZERO : minimumWaveDuration;
            Objects.requireNonNull(rule, "rule");
            waves = List.copyOf(waves);
            Objects.requireNonNull(now, "now");
        }
    }

    /**
     * A wave as the progression sees it.
     *
     * @param sandboxesOnly every org of the wave is a sandbox
     * @param rule the wave's own gate (a pilot list's), null: the campaign's
     * @param approvalRequired the wave itself waits for approval (the chronic orgs' wave, when the strategy asks),
     *        whatever the campaign's setting
     */
    public record WaveStatus(int number, WaveState state, WaveCounts counts, GateBaseline baseline,
            Instant startedAt, boolean approvalRequested, boolean approved, boolean sandboxesOnly, GateRule rule,
            boolean approvalRequired) {

        public WaveStatus(int number, WaveState state, WaveCounts counts, GateBaseline baseline,
                Instant startedAt, boolean approvalRequested, boolean approved, boolean sandboxesOnly) {
            this(number, state, counts, baseline, startedAt, approvalRequested, approved, sandboxesOnly, null, false);
        }

        GateRule ruleOr(GateRule campaigns) {
            return rule != null ? rule : campaigns;
        }

        /** The wave with its own gate and approval from the campaign's strategy (pilot lists, chronic orgs). */
        public static WaveStatus of(Wave wave, CampaignSpec spec) {
            GateRule own = PilotWave.gateOf(spec, wave);
            return new WaveStatus(wave.number(), wave.state(), wave.counts(), wave.baseline(), wave.startedAt(),
                    wave.approvalRequestedAt() != null, wave.approvedAt() != null, wave.sandboxesOnly(),
                    own == spec.gate() ? null : own, wave.chronic() && spec.strategy().chronicOrgs().approvalRequired());
        }

        /** A wave that may hold production orgs. */
        public WaveStatus(int number, WaveState state, WaveCounts counts, GateBaseline baseline, Instant startedAt,
                boolean approvalRequested, boolean approved) {
            this(number, state, counts, baseline, startedAt, approvalRequested, approved, false);
        }

        public static WaveStatus of(Wave wave) {
            return new WaveStatus(wave.number(), wave.state(), wave.counts(), wave.baseline(), wave.startedAt(),
                    wave.approvalRequestedAt() != null, wave.approvedAt() != null, wave.sandboxesOnly());
        }

        /**
         * The same wave, with its own gate and approval rule, as it stands at another moment (a rehearsal
         * moves its state and counts under a simulated clock).
         */
        public WaveStatus at(WaveState newState, WaveCounts newCounts, Instant newStartedAt,
                boolean newApprovalRequested, boolean newApproved) {
            return new WaveStatus(number, newState, newCounts, baseline, newStartedAt, newApprovalRequested,
                    newApproved, sandboxesOnly, rule, approvalRequired);
        }

        WaveStatus withState(WaveState newState) {
            return new WaveStatus(number, newState, counts, baseline, startedAt, approvalRequested, approved,
                    sandboxesOnly, rule, approvalRequired);
        }
    }

    /** One thing to do, in order. */
    public sealed interface Step {

        /** The wave's gate tripped: halt the wave and the campaign, stop releasing at once. */
        record HaltWave(int wave, Gate.Decision decision) implements Step {
        }

        /** All the wave's orgs are done within the threshold. */
        record PassWave(int wave, Gate.Decision decision) implements Step {
        }

        record StartWave(int wave) implements Step {
        }

        /** The next wave waits for a person; say so once. */
        record RequestApproval(int wave) implements Step {
        }

        /** Every wave passed and every org is done. */
        record Complete() implements Step {
        }
    }
}
