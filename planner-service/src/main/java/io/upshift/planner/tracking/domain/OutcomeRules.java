package io.upshift.planner.tracking.domain;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import java.util.UUID;

/**
 * What an outcome does to its org's target. Outcomes are de-duplicated by command id before they
 * get here; this decides the rest:
 * <ul>
 * <li>an outcome for a command that is no longer the org's current one (a person retried since)
 *     is recorded and changes nothing;</li>
 * <li>an outcome for the current command of a DISPATCHED org sets its terminal state;</li>
 * <li>a late outcome for an org the planner already marked TIMED_OUT replaces the timeout: what
 *     really happened to the org is worth more than the planner's guess (see DESIGN.md);</li>
 * <li>a CANCELED outcome (the executor did not run the command because the campaign was halted
 *     or paused) puts the org back in line, unless the campaign itself was canceled or a person
 *     removed the org from the campaign.</li>
 * </ul>
 */
public final class OutcomeRules {

    private OutcomeRules() {
    }

    /**
     * @param currentCommand the org's current command id (null when it has none)
     * @param current the org's state
     * @param reported the state the outcome reports (a terminal one)
     * @param removed whether a person removed the org from the campaign
     */
    public static Effect decide(UUID commandId, UUID currentCommand, TargetState current, TargetState reported,
            CampaignState campaign, boolean removed) {
        if (!reported.isTerminal()) {
            throw new IllegalArgumentException("an outcome reports a terminal state, not " + reported);
        }
        if (currentCommand == null || !currentCommand.equals(commandId)) {
            return Effect.STALE;
        }
        if (current != TargetState.DISPATCHED && current != TargetState.TIMED_OUT) {
            return Effect.STALE;
        }
        if (reported == TargetState.CANCELED && campaign != CampaignState.CANCELED && !removed) {
            return Effect.REQUEUE;
        }
        return Effect.APPLY;
    }

    public enum Effect {
        /** The target takes the reported state. */
        APPLY,
        /** The org was not touched and the campaign goes on: it waits to be released again. */
        REQUEUE,
        /** Recorded only. */
        STALE
    }
}
