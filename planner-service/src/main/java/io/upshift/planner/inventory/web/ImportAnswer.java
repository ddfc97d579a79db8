package io.upshift.planner.inventory.web;

import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.RowError;
import java.util.List;

/**
 * The answer to an import: what was read, what became of it, and every rejected row.
 *
 * @param errors the problems in line order: line, column (null for the row as a whole), reason
 */
record ImportAnswer(
        String packageId,
        String source,
        String format,
        boolean partial,
        boolean stored,
        long rows,
        long inserted,
        long updated,
        long unchanged,
        long rejected,
        List<Error> errors,
        boolean errorsTruncated) {

    static ImportAnswer of(String packageId, boolean partial, ImportReport report) {
        return new ImportAnswer(packageId, report.source().name(), report.format(), partial, report.stored(),
                report.rows(), report.inserted(), report.updated(), report.unchanged(), report.rejected(),
                errors(report.errors()), report.errorsTruncated());
    }

    static List<Error> errors(List<RowError> errors) {
        return errors.stream().map(error -> new Error(error.line(), error.column(), error.reason())).toList();
    }

    record Error(int line, String column, String reason) {
    }
}
