package io.upshift.planner.campaign.domain;

import java.math.BigDecimal;

/**
 * How many orgs a failing version can reach before a wave's gate halts it: the gate's minimum
 * sample plus the in-flight cap (dispatch/DESIGN.md, "Gates and blast radius"). A campaign that
 * sets no in-flight cap gets the default one, so the bound holds for every campaign whose gate can
 * halt; a gate with a threshold of 100 % never halts, judges nothing, and gets no default cap.
 *
 * @param maxInFlight the in-flight cap the dispatcher applies, or null for none
 * @param defaultCap whether that cap is the default rather than the campaign's own
 * @param minimumSample the gate's minimum of finished orgs
 * @param orgs at most this many orgs run a failing version before the gate halts a wave, or null when
 *        nothing bounds it
 * @param statement the bound, for people
 */
public record BlastRadius(Integer maxInFlight, boolean defaultCap, int minimumSample, Integer orgs, String statement) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The bound of a campaign, given the default in-flight cap of this planner. */
    public static BlastRadius of(CampaignSpec spec, int defaultMaxInFlight) {
        if (defaultMaxInFlight < 1) {
            throw new IllegalArgumentException("the default in-flight cap must be at least 1");
        }
        GateRule gate = spec.gate();
        Integer own = spec.pacing().maxInFlight();
        boolean judged = gate.failureThresholdPercent().compareTo(HUNDRED) < 0;
        Integer cap = own != null ? own : judged ? Integer.valueOf(defaultMaxInFlight) : null;
        if (!judged) {
            return new BlastRadius(cap, false, gate.minimumFinished(), null,
                    "the gate never halts (failure threshold 100 %): nothing bounds how many orgs can run a failing version");
        }
        int orgs = gate.minimumFinished() + cap;
        return new BlastRadius(cap, own == null, gate.minimumFinished(), orgs,
                "at most " + orgs + " orgs can run a failing version before the gate halts (minimum sample "
                        + gate.minimumFinished() + " + " + (own == null ? "default " : "") + "in-flight cap " + cap + ")");
    }
}
