package io.upshift.planner.inventory.domain;

/** Where an org's inventory data last came from. */
public enum OrgSource {
    /** A CSV upload: the Salesforce CLI org file or the headered CSV. */
    CSV,
    /** The PackageSubscriber sync from the packaging org. */
    SALESFORCE,
    /** The simulated-fleet generator. */
    SIMULATED,
    /** A single change through the REST API. */
    API
}
