package io.upshift.planner.campaign.domain;

/** Kind of subscriber org. An org whose type is not known is planned as PRODUCTION, the careful choice. */
public enum OrgType {
    PRODUCTION, SANDBOX
}
