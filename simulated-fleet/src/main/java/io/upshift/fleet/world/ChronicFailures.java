package io.upshift.fleet.world;

import java.util.Objects;

/**
 * Orgs that fail campaign after campaign: a share of the fleet, chosen by the seed and the org id alone, whose
 * every push fails with the same permanent error whatever the version (an org with a broken validation rule or
 * a missing feature stays broken until its admin fixes it). Real fleets have them ("never 0 %"); the planner's
 * chronic-org rules need them to run end to end.
 *
 * @param share the share of orgs that are chronic, from 0 (none) to below 1
 * @param error the permanent error every push of a chronic org fails with
 */
public record ChronicFailures(double share, PushErrorType error) {

    public static final ChronicFailures NONE = new ChronicFailures(0, PushErrorType.DEPLOY_ERROR);

    public ChronicFailures {
        Objects.requireNonNull(error, "error");
        if (Double.isNaN(share) || share < 0 || share >= 1) {
            throw new IllegalArgumentException("the chronic share must be at least 0 and below 1, got " + share);
        }
        if (error.isTransient()) {
            throw new IllegalArgumentException("a chronic org fails with a permanent error, not " + error.salesforceName());
        }
    }

    /** Whether {@code orgId} is chronic in the world of {@code seed}: the same answer for every version and push. */
    public boolean hits(long seed, String orgId) {
        return share > 0 && Dice.uniform(seed, "chronic", orgId) < share;
    }
}
