package io.upshift.planner.train.domain;

/**
 * The per-org rule of a train (#22): a dependent tier's push to an org is released only after its
 * base tier succeeded for that org, or when the org already has the base at the needed version; once
 * the base cannot be met there — its push failed, timed out or was canceled, or the base tier left the
 * org out — the dependent push is skipped ({@code DependencyNotMet}), never attempted.
 * <p>
 * The dispatcher applies this rule in SQL ({@code dispatch/jdbc/DependencyHolds}), on every release
 * round, so it holds after a retry, a pause, a requeue to a later window, a deadline or a restart
 * alike; this class is the rule's statement and what the property test checks it against.
 */
public final class DependencyRule {

    /** What a dependent tier may do with one org now. */
    public enum Verdict {
        /** The base is met in the org: the dependent push may be released (caps and windows permitting). */
        RELEASE,
        /** The base may still be met: wait. */
        HOLD,
        /** The base can no longer be met in this train: cancel the dependent push with DependencyNotMet. */
        SKIP
    }

    /** Where the base tier stands for one org. */
    public enum BaseFate {
        /** The base tier's campaign is not scheduled yet: nobody knows whether it will take the org. */
        NOT_PLANNED,
        /** The base tier is scheduled and left the org out (excluded, not selected, no window). */
        NOT_IN_BASE,
        /** The org waits in the base tier, or its push is under way. */
        WAITING,
        SUCCEEDED,
        /** The executor found the org already on the base tier's target. */
        ALREADY_ON_TARGET,
        FAILED,
        TIMED_OUT,
        CANCELED;

        /** Target states of the campaign model, as stored. */
        public static BaseFate ofTargetState(String state) {
            return switch (state) {
                case "PLANNED", "NOTIFIED", "DISPATCHED" -> WAITING;
                case "SKIPPED" -> ALREADY_ON_TARGET;
                default -> valueOf(state);
            };
        }
    }

    private DependencyRule() {
    }

    /**
     * @param fate where the base tier stands for the org
     * @param installedMeetsMinimum whether the inventory has the base package installed in the org at or
     *        above the requirement's minimum now (what Upshift pushed is written there as it succeeds)
     */
    public static Verdict judge(BaseFate fate, boolean installedMeetsMinimum) {
        if (installedMeetsMinimum || fate == BaseFate.SUCCEEDED || fate == BaseFate.ALREADY_ON_TARGET) {
            return Verdict.RELEASE;
        }
        return switch (fate) {
            case NOT_PLANNED, WAITING -> Verdict.HOLD;
            // a planner timeout's push may yet succeed at Salesforce, but the dependent push must not bet on it
            case NOT_IN_BASE, FAILED, TIMED_OUT, CANCELED -> Verdict.SKIP;
            case SUCCEEDED, ALREADY_ON_TARGET -> Verdict.RELEASE;
        };
    }
}
