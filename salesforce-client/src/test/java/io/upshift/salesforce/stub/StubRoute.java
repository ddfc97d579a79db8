package io.upshift.salesforce.stub;

/** The endpoints of the stub, for injecting faults into one of them. */
public enum StubRoute {
    /** {@code POST /services/oauth2/token}. */
    TOKEN,
    /** {@code GET query?q=} and {@code GET query/{locator}}. */
    QUERY,
    /** {@code POST sobjects/{type}}. */
    CREATE,
    /** {@code PATCH sobjects/{type}/{id}}. */
    UPDATE,
    /** {@code POST composite/tree/{type}}. */
    COMPOSITE_TREE,
    /** {@code POST composite/sobjects}. */
    COMPOSITE_SOBJECTS,
    /** {@code GET limits}: the org's API limits ({@code DailyApiRequests}). */
    LIMITS,
    /** Any {@code /services/data} call. */
    ANY_DATA
}
