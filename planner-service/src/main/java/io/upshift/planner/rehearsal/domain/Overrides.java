package io.upshift.planner.rehearsal.domain;

import io.upshift.planner.campaign.domain.CampaignSpec;
import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import io.upshift.planner.campaign.domain.GateRule;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What a rehearsal changes of the draft it rehearses, to compare variants without editing the draft
 * ("canary 2 % vs 5 %", "cap 50 vs 200"). Every field is optional; the draft itself is never changed.
 * The changed definition must pass the same checks as a campaign's (CampaignSpec.problems()).
 */
public record Overrides(BigDecimal canaryPercent, Integer canaryCount, Integer maxInFlight,
        Integer maxInFlightPerInstance, Integer maxCommandsPerMinute, BigDecimal failureThresholdPercent,
        Integer minimumFinished, Duration minimumWaveDuration, Boolean approvalRequired) {

    public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null);

    /** No change to the draft (not {@code isEmpty()}: JSON would carry it along as an {@code empty} field). */
    public boolean none() {
        return equals(NONE);
    }

    /**
     * The definition with these changes.
     *
     * @throws IllegalArgumentException when a cap or the gate is out of range
     */
    public CampaignSpec apply(CampaignSpec spec) {
        Strategy s = spec.strategy();
        Canary canary = canaryPercent != null ? new Canary(null, canaryPercent)
                : canaryCount != null ? new Canary(canaryCount, null) : s.canary();
        Strategy strategy = new Strategy(s.sandboxesFirst(), canary, s.ramp(),
                approvalRequired != null ? approvalRequired : s.approvalRequired(),
                minimumWaveDuration != null ? minimumWaveDuration : s.minimumWaveDuration());
        Pacing p = spec.pacing();
        Pacing pacing = new Pacing(maxCommandsPerMinute != null ? maxCommandsPerMinute : p.maxCommandsPerMinute(),
                maxInFlight != null ? maxInFlight : p.maxInFlight(),
                maxInFlightPerInstance != null ? maxInFlightPerInstance : p.maxInFlightPerInstance(),
                p.maxCommandsPerMinutePerInstance(), p.expectedUpgradeDuration());
        GateRule g = spec.gate();
        GateRule gate = new GateRule(failureThresholdPercent != null ? failureThresholdPercent
                : g.failureThresholdPercent(), minimumFinished != null ? minimumFinished : g.minimumFinished(),
                g.countedStatuses());
        return new CampaignSpec(spec.name(), spec.packageId(), spec.targetVersion(), spec.selection(), strategy,
                spec.schedule(), pacing, gate, spec.orgTimeout(), spec.supportContact(), spec.createdBy());
    }
}
