package io.upshift.planner.campaign.domain;

/** {@code PENDING → RUNNING → PASSED | HALTED}; a person's resume moves a HALTED wave back to RUNNING. */
public enum WaveState {
    PENDING, RUNNING, PASSED, HALTED;

    /** Orgs of the wave may be released (PASSED: retried orgs of a wave that already passed). */
    public boolean releases() {
        return this == RUNNING || this == PASSED;
    }
}
