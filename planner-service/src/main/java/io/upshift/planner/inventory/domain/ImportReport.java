package io.upshift.planner.inventory.domain;

import java.util.List;

/**
 * What an import did.
 *
 * @param rows data rows read (the header and blank lines not counted)
 * @param inserted orgs new to the inventory
 * @param updated known orgs whose data (or installed version of the package) changed
 * @param unchanged known orgs whose data was already as imported
 * @param rejected rows not imported (bad values, duplicates)
 * @param errors the problems, in line order, at most the configured number
 * @param errorsTruncated whether there were more problems than {@code errors} lists
 * @param stored whether anything was written (false: the import was rejected as a whole)
 */
public record ImportReport(
        OrgSource source,
        String format,
        long rows,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        List<RowError> errors,
        boolean errorsTruncated,
        boolean stored) {

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
