package io.upshift.planner.campaign.domain;

import java.time.Instant;

/**
 * A campaign's wave as stored: its plan, state, counters and approval.
 *
 * @param kind SANDBOX, CANARY or RAMP
 * @param baseline what had finished and failed when a person last resumed it after a halt
 */
public record Wave(int number, String kind, WaveState state, Instant plannedStart, Instant plannedEnd,
        WaveCounts counts, GateBaseline baseline, Instant approvalRequestedAt, Instant approvedAt, String approvedBy,
        Instant startedAt, Instant finishedAt, String stateReason) {

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
