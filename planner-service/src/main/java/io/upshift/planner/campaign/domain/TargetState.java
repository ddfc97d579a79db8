package io.upshift.planner.campaign.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one org in one campaign: {@code PLANNED → NOTIFIED → DISPATCHED → SUCCEEDED |
 * FAILED | SKIPPED | CANCELED | TIMED_OUT}. PLANNED means the notice of its current window has not
 * been published yet; the dispatcher releases only NOTIFIED orgs, so nobody is upgraded unannounced.
 */
public enum TargetState {
    PLANNED, NOTIFIED, DISPATCHED, SUCCEEDED, FAILED, SKIPPED, CANCELED, TIMED_OUT;

    public static final Set<TargetState> WAITING = EnumSet.of(PLANNED, NOTIFIED);
    public static final Set<TargetState> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, SKIPPED, CANCELED, TIMED_OUT);
    /** What a person may retry. */
    public static final Set<TargetState> RETRYABLE = EnumSet.of(FAILED, TIMED_OUT);

    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    public boolean isWaiting() {
        return WAITING.contains(this);
    }
}
