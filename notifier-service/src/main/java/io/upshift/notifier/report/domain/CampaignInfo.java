package io.upshift.notifier.report.domain;

/** The names a report is titled with, as the planner's events gave them (any may be null). */
public record CampaignInfo(String campaignName, String packageName, String targetVersion) {
}
