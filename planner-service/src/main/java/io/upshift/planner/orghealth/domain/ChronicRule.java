package io.upshift.planner.orghealth.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * When an org is chronic for a package: it failed in at least {@code failures} of the package's last
 * {@code campaigns} campaigns (K of N). A campaign the org was not part of counts as one it did not fail,
 * so an org must fail often among the package's recent releases, not merely in the few it was in. FAILED and
 * TIMED_OUT both count: either way the org did not get the release.
 *
 * @param failures K, at least 1
 * @param campaigns N, at least K
 */
public record ChronicRule(int failures, int campaigns) {

    /** The most campaigns the rule may look back over (the history read stays bounded). */
    public static final int MAX_CAMPAIGNS = 20;

    public static final ChronicRule DEFAULT = new ChronicRule(2, 3);

    public ChronicRule {
        if (failures < 1) {
            throw new IllegalArgumentException("an org is chronic after at least 1 failure, got " + failures);
        }
        if (campaigns < failures || campaigns > MAX_CAMPAIGNS) {
            throw new IllegalArgumentException("the campaigns looked back over must be from the failures (" + failures
                    + ") to " + MAX_CAMPAIGNS + ", got " + campaigns);
        }
    }

    /**
     * @param lastCampaigns the package's last campaigns, newest first (only the first {@code campaigns} count)
     * @param failedIn the campaigns the org failed in (any; those outside the last ones are ignored)
     */
    public boolean isChronic(List<UUID> lastCampaigns, Set<UUID> failedIn) {
        return failuresAmong(lastCampaigns, failedIn) >= failures;
    }

    /** How many of the package's last {@code campaigns} campaigns the org failed in. */
    public int failuresAmong(List<UUID> lastCampaigns, Set<UUID> failedIn) {
        int n = 0;
        for (UUID campaign : lastCampaigns.subList(0, Math.min(campaigns, lastCampaigns.size()))) {
            if (failedIn.contains(campaign)) {
                n++;
            }
        }
        return n;
    }

    /** The chronic orgs among {@code failuresByOrg} (org id → the campaigns it failed in), sorted. */
    public Set<String> chronic(List<UUID> lastCampaigns, Map<String, Set<UUID>> failuresByOrg) {
        Set<String> chronic = new TreeSet<>();
        failuresByOrg.forEach((org, failed) -> {
            if (isChronic(lastCampaigns, failed)) {
                chronic.add(org);
            }
        });
        return chronic;
    }
}
