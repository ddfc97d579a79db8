package io.upshift.executor.campaign.domain;

/** What a campaign event means for commands already sent out. */
public enum CampaignSignal {
    /** A gate tripped (the campaign or one of its waves halted): hold every command until a person resumes. */
    HALTED,
    /** The campaign was canceled: no command of it runs again. */
    CANCELED,
    /** The campaign (re)started: its commands run. */
    RESUMED,
    /** A person removed one org from the campaign: its command does not run. */
    ORG_REMOVED,
    /** Nothing that changes whether commands run (a wave passed, a pause of releasing, an unknown type). */
    NONE
}
