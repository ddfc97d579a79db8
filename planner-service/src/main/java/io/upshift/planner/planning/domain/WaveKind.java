package io.upshift.planner.planning.domain;

/** What a wave is for: the sandboxes before any production org, the canary, or a step of the ramp. */
public enum WaveKind {
    SANDBOX, CANARY, RAMP
}
