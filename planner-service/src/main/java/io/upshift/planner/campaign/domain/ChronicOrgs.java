package io.upshift.planner.campaign.domain;

/**
 * What a campaign does with the package's chronic orgs (those that failed in at least K of the package's
 * last N campaigns, see orghealth/domain/ChronicRule).
 *
 * <p>The default is {@link Placement#LAST_WAVE} without approval: an org that failed release after release is
 * the org most likely to fail again, so it gets the release only once every other org has proven it, and its
 * expected failures no longer count in the canary's gate, where they would halt a healthy release or hide a
 * bad one. Nothing is skipped: the chronic orgs are still upgraded, last. {@link Placement#NORMAL} ranks them
 * with everyone else (the behaviour before chronic orgs were known).
 *
 * @param placement where chronic orgs go
 * @param approvalRequired the last wave of chronic orgs waits for a person's approval (a second person, as for
 *        every approval), whatever the campaign's own approval setting
 */
public record ChronicOrgs(Placement placement, boolean approvalRequired) {

    public static final ChronicOrgs DEFAULT = new ChronicOrgs(Placement.LAST_WAVE, false);

    public ChronicOrgs {
        placement = placement == null ? Placement.LAST_WAVE : placement;
    }

    /** Whether chronic orgs get a wave of their own, after every other wave. */
    public boolean lastWave() {
        return placement == Placement.LAST_WAVE;
    }

    /** Where chronic orgs go. */
    public enum Placement {
        /** In a wave of their own after every other wave: their failures judge only that wave. */
        LAST_WAVE,
        /** Ranked with every other org, as if nothing were known about them. */
        NORMAL
    }
}
