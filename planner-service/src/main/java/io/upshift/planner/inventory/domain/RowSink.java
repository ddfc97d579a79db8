package io.upshift.planner.inventory.domain;

import java.util.List;

/**
 * Where a source of orgs (a CSV file, the simulated fleet, a Salesforce query) puts each row as
 * it reads it, so that no source ever needs the whole fleet in memory.
 */
public interface RowSink {

    /** A valid org. */
    void accept(OrgRow row);

    /** A row that cannot be imported, with every problem found in it. */
    void reject(List<RowError> errors);
}
