package io.upshift.notifier.report.domain;

import java.util.List;
import java.util.Optional;

/** Reads what reports are made of. A null wave means the whole campaign. */
public interface ReportQueries {

    Optional<CampaignInfo> campaign(String campaignId);

    /** Orgs with at least one recorded outcome. */
    int finishedOrgs(String campaignId, Integer wave);

    ReportFigures figures(String campaignId, Integer wave, int worstPods);

    /** At most {@code limit} failed orgs, by wave and org id. */
    List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit);
}
