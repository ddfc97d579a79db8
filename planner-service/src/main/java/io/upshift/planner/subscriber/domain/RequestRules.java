package io.upshift.planner.subscriber.domain;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.shared.domain.TimeWindow;
import java.util.List;

/**
 * Whether a subscriber's request may change anything, once, for the page and the planner alike.
 * The planner stays the only writer: it asks these rules inside the transaction that locks the campaign.
 */
public final class RequestRules {

    private RequestRules() {
    }

    /** What a subscriber asked. */
    public enum Action {
        MOVE, OPT_OUT
    }

    /** What became of a request; every value but APPLIED changes nothing. */
    public enum Outcome {
        APPLIED,
        /** The org's command was released (or it finished, or was canceled): nothing can move now. */
        TOO_LATE,
        /** The window asked for is not (or no longer) one of the allowed choices. */
        NOT_A_CHOICE,
        /** The campaign does not let subscribers skip it. */
        OPT_OUT_NOT_ALLOWED,
        /** The org made as many changes to the campaign as a link allows. */
        CHANGES_USED_UP,
        /** The link was tampered with, expired, or is for another org or campaign. */
        LINK_REFUSED,
        /** The campaign has no such org (or no such campaign). */
        UNKNOWN_ORG,
        /** The request names no action the planner knows. */
        UNKNOWN_ACTION
    }

    /** Whether the campaign still lets a waiting org change: it is planned and not over. */
    public static boolean campaignOpen(CampaignState state) {
        return state == CampaignState.SCHEDULED || state == CampaignState.RUNNING || state == CampaignState.PAUSED
                || state == CampaignState.HALTED;
    }

    /**
     * The verdict on a request whose link checked out.
     *
     * @param choices the windows allowed now
     * @param chosen the window asked for (MOVE), or null
     */
    public static Outcome decide(Action action, CampaignState campaign, TargetState target, int changesMade,
            int maxChanges, boolean mayOptOut, List<TimeWindow> choices, TimeWindow chosen) {
        if (action == null) {
            return Outcome.UNKNOWN_ACTION;
        }
        if (!campaignOpen(campaign) || !target.isWaiting()) {
            return Outcome.TOO_LATE;
        }
        if (changesMade >= maxChanges) {
            return Outcome.CHANGES_USED_UP;
        }
        return switch (action) {
            case OPT_OUT -> mayOptOut ? Outcome.APPLIED : Outcome.OPT_OUT_NOT_ALLOWED;
            case MOVE -> chosen != null && choices.contains(chosen) ? Outcome.APPLIED : Outcome.NOT_A_CHOICE;
        };
    }
}
