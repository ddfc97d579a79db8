package io.upshift.planner.rehearsal.domain;

import io.upshift.planner.campaign.domain.GateRule;
import io.upshift.planner.dispatch.domain.ReleaseLimits;
import io.upshift.planner.gate.domain.WaveProgression;
import io.upshift.planner.planning.domain.UpgradeWindows;
import io.upshift.planner.planning.domain.WaveKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a rehearsal runs: the campaign's real plan (its orgs in their waves and windows, as planning
 * placed them) and the rules the live planner applies to it, taken from the campaign, not restated.
 *
 * @param orgs every placed org, in plan order
 * @param waves the planned waves, in order
 * @param windows the campaign's upgrade windows (org windows, campaign window, blackouts, deadline)
 */
public record RehearsalPlan(List<TwinOrg> orgs, List<PlannedWave> waves, Rules rules, UpgradeWindows windows) {

    public RehearsalPlan {
        orgs = List.copyOf(orgs);
        waves = List.copyOf(waves);
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(windows, "windows");
    }

    /**
     * @param status the wave as the live gate sees it when scheduled (PENDING; its own gate for a pilot list,
     *        its approval rule for the chronic orgs): {@code WaveStatus.of(wave, spec)}, the live path's call
     */
    public record PlannedWave(int number, WaveKind kind, long size, WaveProgression.WaveStatus status) {

        public PlannedWave {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * @param start when the first window may start (the plan's start)
     * @param limits the caps the dispatcher applies (the campaign's pacing, the default in-flight cap)
     * @param earliestStart and {@code noticePeriod}: a window that moves starts no earlier than both allow
     * @param approvalDelay how long a person takes to approve a wave (assumed)
     * @param roundInterval the dispatcher's round (upshift.planner.dispatch.interval): how soon the loop sees what
     *        does not wake it (a window opening, the end of a soak, the deadline, a rate cap's new budget)
     * @param wakeUpSpacing how soon after its last pass an applied outcome or an approval wakes the loop
     *        (DispatchProperties.WAKE_UP_SPACING)
     * @param blastRadius the plan's safety bound: orgs that can run a failing version before the gate halts (null: none)
     */
    public record Rules(Instant start, String targetVersion, GateRule gate, boolean approvalRequired, boolean urgent,
            Duration minimumWaveDuration, ReleaseLimits limits, Duration orgTimeout, Instant deadline,
            Instant earliestStart, Duration noticePeriod, Duration approvalDelay, Duration roundInterval,
            Duration wakeUpSpacing, Integer blastRadius, String blastRadiusStatement) {

        public Rules {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(orgTimeout, "orgTimeout");
            Objects.requireNonNull(approvalDelay, "approvalDelay");
            minimumWaveDuration = minimumWaveDuration == null ? Duration.ZERO : minimumWaveDuration;
            noticePeriod = noticePeriod == null ? Duration.ZERO : noticePeriod;
            if (roundInterval == null || !roundInterval.isPositive()) {
                throw new IllegalArgumentException("the dispatcher's round must be positive");
            }
            if (wakeUpSpacing == null || !wakeUpSpacing.isPositive() || wakeUpSpacing.compareTo(roundInterval) > 0) {
                throw new IllegalArgumentException("the loop's wake-up spacing must be positive and at most its round");
            }
        }
    }
}
