package io.upshift.planner.operations.domain;

import io.upshift.planner.campaign.domain.CancelCodes;
import io.upshift.planner.campaign.domain.TargetState;

/**
 * Where one selected org of a scheduled campaign stands against the campaign's deadline (issue #25,
 * the deadline report). Every selected org has exactly one outcome: a target by its state, an
 * excluded org by its exclusion. Only {@link #UPGRADED} and {@link #ALREADY_ON_TARGET} meet the
 * deadline: an org already on the target version (the executor SKIPPED it, or scheduling excluded it
 * as ALREADY_ON_TARGET) needs nothing more before it.
 */
public enum DeadlineOutcome {
    /** SUCCEEDED and finished by the deadline (or, without a deadline, at all). */
    UPGRADED,
    /**
     * SUCCEEDED, but finished after the deadline: a push released before the deadline may end after
     * it, since the window clip bounds when a push starts, not when Salesforce finishes it.
     */
    UPGRADED_LATE,
    ALREADY_ON_TARGET,
    FAILED,
    TIMED_OUT,
    /** Ended CANCELED; the reason says why (see {@link #canceledReason}). */
    CANCELED,
    /** Left out by scheduling with a reason from {@code campaign_exclusion} (NO_WINDOW, BLOCKED_BY_SUBSCRIBER…). */
    EXCLUDED,
    /** Waiting for its window or dispatched, with no outcome yet. */
    IN_PROGRESS;

    /** The error code that ends an org not upgraded when the deadline passes (decided for #25). */

    /** Whether an org with this outcome is where the deadline wants it. */
    public boolean meetsDeadline() {
        return this == UPGRADED || this == ALREADY_ON_TARGET;
    }

    /** An outcome and, where it has one, why (an error code, an exclusion reason, a kind of cancel). */
    public record Classified(DeadlineOutcome outcome, String reason) {
    }

    /**
     * A target's outcome.
     *
     * @param late whether it finished after the deadline; false when the campaign has no deadline (the report is
     *        then by the campaign's end) — only read for SUCCEEDED
     */
    public static Classified ofTarget(TargetState state, String errorCode, boolean late) {
        return switch (state) {
            case SUCCEEDED -> new Classified(late ? UPGRADED_LATE : UPGRADED, null);
            case SKIPPED -> new Classified(ALREADY_ON_TARGET, "SKIPPED");
            case FAILED -> new Classified(FAILED, errorCode == null ? "Unknown" : errorCode);
            case TIMED_OUT -> new Classified(TIMED_OUT, errorCode == null ? "Unknown" : errorCode);
            case CANCELED -> new Classified(CANCELED, canceledReason(errorCode));
            case PLANNED, NOTIFIED -> new Classified(IN_PROGRESS, "WAITING");
            case DISPATCHED -> new Classified(IN_PROGRESS, "DISPATCHED");
        };
    }

    /** An excluded org's outcome: already on target meets the deadline, every other reason is EXCLUDED. */
    public static Classified ofExclusion(String reason) {
        return "ALREADY_ON_TARGET".equals(reason) ? new Classified(ALREADY_ON_TARGET, "EXCLUDED")
                : new Classified(EXCLUDED, reason);
    }

    /**
     * Why a target ended CANCELED, from the error code the planner or the executor wrote: NOT_REACHED
     * (the deadline passed first), BLOCKED (the subscriber blocked pushes after scheduling), NO_WINDOW
     * (no window left), REMOVED_FROM_CAMPAIGN, CAMPAIGN_CANCELED, EXCLUDED_AFTER_SCHEDULING, and OTHER
     * for the executor's own cancels (e.g. a halt canceling what Salesforce still held).
     */
    public static String canceledReason(String errorCode) {
        if (errorCode == null) {
            return "OTHER";
        }
        return switch (errorCode) {
            case CancelCodes.DEADLINE_PASSED -> "NOT_REACHED";
            case CancelCodes.BLOCKED_BY_SUBSCRIBER -> "BLOCKED";
            case CancelCodes.NO_WINDOW -> "NO_WINDOW";
            case CancelCodes.REMOVED_FROM_CAMPAIGN -> "REMOVED_FROM_CAMPAIGN";
            case CancelCodes.CAMPAIGN_CANCELED -> "CAMPAIGN_CANCELED";
            case CancelCodes.EXCLUDED -> "EXCLUDED_AFTER_SCHEDULING";
            default -> "OTHER";
        };
    }
}
