package io.upshift.planner.orghealth.domain;

/**
 * Why an org that is behind the newest release was not upgraded: the first that applies, in this order.
 * Today's inventory speaks first (an org excluded or blocked now will not be upgraded by the next campaign
 * either), then the org's last campaign of the package.
 */
public enum LaggardReason {
    EXCLUDED("excluded in the inventory or by its last campaign"),
    BLOCKED("the subscriber blocks push upgrades of the package (PushUpgradeCustomization)"),
    INACTIVE("the org is inactive"),
    FAILED("its last push of the package failed or timed out"),
    NEVER_IN_A_WINDOW("its last campaign found no maintenance window for it"),
    LEFT_OUT("its last campaign left it out (selection, removed, canceled, another campaign)"),
    NOT_IN_A_CAMPAIGN("no campaign of the package has included it yet");

    private final String description;

    LaggardReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * @param excluded the org is excluded in the inventory now
     * @param blocked the subscriber blocks pushes of the package now
     * @param inactive the org is inactive now
     * @param lastTargetState the org's state in its last campaign of the package that targeted it, or null
     * @param lastExclusion the reason its last campaign of the package excluded it, or null; only one of the
     *        two is set: the later campaign's
     */
    public static LaggardReason of(boolean excluded, boolean blocked, boolean inactive, String lastTargetState,
            String lastExclusion) {
        if (excluded || "EXCLUDED".equals(lastExclusion) || "EXCLUDED_BY_CAMPAIGN".equals(lastExclusion)) {
            return EXCLUDED;
        }
        if (blocked || "BLOCKED_BY_SUBSCRIBER".equals(lastExclusion)) {
            return BLOCKED;
        }
        if (inactive || "INACTIVE".equals(lastExclusion)) {
            return INACTIVE;
        }
        if ("FAILED".equals(lastTargetState) || "TIMED_OUT".equals(lastTargetState)) {
            return FAILED;
        }
        if ("NO_WINDOW".equals(lastExclusion) || "NO_WINDOW_BEFORE_DEADLINE".equals(lastExclusion)) {
            return NEVER_IN_A_WINDOW;
        }
        if (lastTargetState != null || lastExclusion != null) {
            return LEFT_OUT;
        }
        return NOT_IN_A_CAMPAIGN;
    }
}
