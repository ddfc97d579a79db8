package io.upshift.planner.campaign.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The campaign state machine of the contract: {@code DRAFT → SCHEDULED → RUNNING ⇄ PAUSED →
 * COMPLETED}, {@code SCHEDULED ⇄ PAUSED} before the first wave starts, {@code RUNNING → HALTED} when
 * a gate trips, {@code COMPLETED → RUNNING} when a person retries failed orgs, and from any
 * non-final state {@code → CANCELED}. Each method answers whether a move is legal; the caller turns
 * "no" into a 409.
 */
public enum CampaignState {
    DRAFT, SCHEDULED, RUNNING, PAUSED, HALTED, COMPLETED, CANCELED;

    /** States in which the campaign holds its orgs: another campaign of the package cannot take them. */
    public static final Set<CampaignState> ACTIVE = EnumSet.of(SCHEDULED, RUNNING, PAUSED, HALTED);

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELED;
    }

    public boolean canBeEdited() {
        return this == DRAFT;
    }

    public boolean canBeScheduled() {
        return this == DRAFT;
    }

    public boolean canStart() {
        return this == SCHEDULED;
    }

    /** A running campaign, or a scheduled one before it starts. */
    public boolean canBePaused() {
        return this == RUNNING || this == SCHEDULED;
    }

    /** A person resumes a paused campaign, or a halted one after looking at the failures. */
    public boolean canBeResumed() {
        return this == PAUSED || this == HALTED;
    }

    public boolean canBeCanceled() {
        return !isFinal();
    }

    /** Gates keep judging while a campaign is paused: outcomes of orgs in flight still arrive. */
    public boolean canHalt() {
        return this == RUNNING || this == PAUSED;
    }

    public boolean canComplete() {
        return this == RUNNING || this == PAUSED;
    }

    /** A wave awaiting approval can be approved while the campaign runs or is paused. */
    public boolean canApprove() {
        return this == RUNNING || this == PAUSED;
    }

    /**
     * Failed orgs can be retried while the campaign still runs, is paused or halted, and after it
     * completed (it then runs again for them).
     */
    public boolean canRetry() {
        return this == RUNNING || this == PAUSED || this == HALTED || this == COMPLETED;
    }

    /** One org can be removed from a campaign that is scheduled and not finished. */
    public boolean canRemoveOrgs() {
        return ACTIVE.contains(this);
    }

    /** Whether the dispatcher may release commands. */
    public boolean releases() {
        return this == RUNNING;
    }
}
