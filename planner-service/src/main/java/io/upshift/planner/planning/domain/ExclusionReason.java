package io.upshift.planner.planning.domain;

/**
 * Why an org of the package (or one the campaign's list names) is not part of a campaign. Every such
 * org that is not eligible has exactly one: the first that applies, in this order. The last two are
 * decided by planning (UpgradeWindows), not by the eligibility query.
 */
public enum ExclusionReason {
    UNKNOWN_ORG("the org is not in the inventory"),
    NOT_SELECTED("left out by the campaign's selection (its filters or its list of orgs)"),
    TARGET_BETA("the target version is a beta: betas cannot be pushed"),
    TARGET_DEPRECATED("the target version is deprecated"),
    EXCLUDED_BY_CAMPAIGN("excluded by this campaign"),
    EXCLUDED("excluded in the inventory"),
    BLOCKED_BY_SUBSCRIBER("the subscriber blocks push upgrades of the package (PushUpgradeCustomization)"),
    INACTIVE("the org is inactive"),
    NOT_INSTALLED("the package is not installed"),
    BETA_INSTALLED("a beta version is installed: it cannot be upgraded"),
    ALREADY_ON_TARGET("already on or above the target version (no downgrades)"),
    IN_OTHER_CAMPAIGN("in another active campaign of the same package"),
    NO_WINDOW("no maintenance window outside the blackouts within the planning horizon"),
    NO_WINDOW_BEFORE_DEADLINE("the org has a usable window, but none that ends by the campaign's deadline");

    private final String description;

    ExclusionReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
