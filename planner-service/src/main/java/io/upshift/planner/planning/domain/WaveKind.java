package io.upshift.planner.planning.domain;

/**
 * What a wave is for: the orgs of a pilot list, the sandboxes before any production org, the canary, a
 * step of the ramp, or the chronic orgs after everyone else.
 */
public enum WaveKind {
    PILOT, SANDBOX, CANARY, RAMP, CHRONIC
}
