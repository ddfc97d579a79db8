package io.upshift.planner.inventory.domain;

import java.util.List;

/**
 * The org ids an uploaded org file or headered CSV names, read without storing anything (e.g. a
 * campaign's selection), with the lines that are not usable.
 *
 * @param format ORG_FILE or CSV
 * @param rows data rows read (the header and blank lines not counted)
 * @param orgIds the good ids, 18-character, each once, in file order
 * @param rejected rows not usable
 * @param errors their problems, in line order, at most the configured number
 * @param errorsTruncated whether there were more problems than {@code errors} lists
 */
public record OrgIdList(String format, long rows, List<String> orgIds, long rejected, List<RowError> errors,
        boolean errorsTruncated) {

    public OrgIdList {
        orgIds = List.copyOf(orgIds);
        errors = List.copyOf(errors);
    }

    /** The same answer as an import that stored nothing, for the import's problem details. */
    public ImportReport asRejectedImport() {
        return new ImportReport(OrgSource.CSV, format, rows, 0, 0, 0, rejected, errors, errorsTruncated, false);
    }
}
