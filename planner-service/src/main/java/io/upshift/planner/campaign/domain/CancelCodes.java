package io.upshift.planner.campaign.domain;

/**
 * The error codes of orgs the planner itself ends CANCELED, each saying why, once. (Push failures are
 * classed by the schemas' {@code PushErrorTypes}; these are decisions of the planner, never of Salesforce.)
 * A few SQL statements write the same literals: {@code TargetStore} (removal), {@code DispatchStore}
 * (exclusion and subscriber blocks at release), {@code DependencyHolds}, {@code OutcomeStore} (a removed org's outcome).
 */
public final class CancelCodes {

    /** The campaign's deadline passed before the org was released, or no window before it was left. */
    public static final String DEADLINE_PASSED = "DeadlinePassed";
    /** No maintenance window is left outside the blackouts. */
    public static final String NO_WINDOW = "NoWindow";
    /** The subscriber blocks push upgrades of the package (PushUpgradeCustomization). */
    public static final String BLOCKED_BY_SUBSCRIBER = "BlockedBySubscriber";
    /** A person removed the org from the campaign. */
    public static final String REMOVED_FROM_CAMPAIGN = "RemovedFromCampaign";
    /** A person canceled the campaign. */
    public static final String CAMPAIGN_CANCELED = "CampaignCanceled";
    /** The org was excluded from campaigns after the campaign was scheduled. */
    public static final String EXCLUDED = "Excluded";

    /**
     * A release train's tier needs a base package at a version the org does not have, and the base tier
     * cannot bring it there any more (its push failed, timed out or was canceled, or it left the org out).
     */
    public static final String DEPENDENCY_NOT_MET = "DependencyNotMet";

    /** The subscriber skipped the campaign through the signed link of a notice (where the campaign allows it). */
    public static final String SUBSCRIBER_OPTED_OUT = "SubscriberOptedOut";

    private CancelCodes() {
    }
}
