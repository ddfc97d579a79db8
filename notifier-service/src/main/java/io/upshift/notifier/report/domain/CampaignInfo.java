package io.upshift.notifier.report.domain;

import java.time.Instant;

/**
 * What the notifier knows of a campaign when it writes a report: the names the planner's events gave
 * it (any may be null) and, for a campaign with a deadline (#25), the deadline, the planner's last
 * projection against it and the last count of orgs not upgraded before it.
 *
 * @param deadline the campaign's deadline, or null
 * @param risk the last AT_RISK, while no BACK_ON_TRACK came after it; null otherwise
 * @param lateOrgs the count of orgs not upgraded before the deadline that the latest HALTED,
 *         COMPLETED or CANCELED carried, or null
 * @param lateOrgsAt the time of that event, or null when none came yet
 */
public record CampaignInfo(String campaignName, String packageName, String targetVersion, Instant deadline,
        Risk risk, Integer lateOrgs, Instant lateOrgsAt) {

    /** A campaign known by its names only. */
    public CampaignInfo(String campaignName, String packageName, String targetVersion) {
        this(campaignName, packageName, targetVersion, null, null, null, null);
    }

    /**
     * The planner's projection while the campaign is at risk.
     *
     * @param orgsAtRisk orgs not projected to be upgraded before the deadline, or null if the event had none
     * @param projectedFinish null when it cannot finish (halted or paused)
     * @param since when the planner raised it
     */
    public record Risk(Integer orgsAtRisk, Instant projectedFinish, Instant since) {
    }
}
