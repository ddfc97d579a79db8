package io.upshift.planner.campaign.domain;

import java.time.Instant;

/**
 * A campaign's wave as stored: its plan, state, counters and approval.
 *
 * @param kind PILOT, SANDBOX, CANARY, RAMP or CHRONIC
 * @param baseline what had finished and failed when a person last resumed it after a halt
 * @param pilotList the pilot list a PILOT wave holds (its gate is the one the strategy gives the list), else null
 */
public record Wave(int number, String kind, WaveState state, Instant plannedStart, Instant plannedEnd,
        WaveCounts counts, GateBaseline baseline, Instant approvalRequestedAt, Instant approvedAt, String approvedBy,
        Instant startedAt, Instant finishedAt, String stateReason, String pilotList) {

    /** The kind of a wave of the package's chronic orgs, after every other wave. */
    public static final String CHRONIC = "CHRONIC";

    public Wave(int number, String kind, WaveState state, Instant plannedStart, Instant plannedEnd,
            WaveCounts counts, GateBaseline baseline, Instant approvalRequestedAt, Instant approvedAt, String approvedBy,
            Instant startedAt, Instant finishedAt, String stateReason) {
        this(number, kind, state, plannedStart, plannedEnd, counts, baseline, approvalRequestedAt, approvedAt,
                approvedBy, startedAt, finishedAt, stateReason, null);
    }

    /** Whether the wave holds the chronic orgs set apart for the end. */
    public boolean chronic() {
        return CHRONIC.equals(kind);
    }

    /** The kind of a wave of sandboxes only (the others may hold production orgs). */
    public static final String SANDBOX = "SANDBOX";

    /** Whether every org of the wave is a sandbox: no customer works in them, so no approval is needed to start it. */
    public boolean sandboxesOnly() {
        return SANDBOX.equals(kind);
    }

    public boolean awaitingApproval() {
        return state == WaveState.PENDING && approvalRequestedAt != null && approvedAt == null;
    }
}
