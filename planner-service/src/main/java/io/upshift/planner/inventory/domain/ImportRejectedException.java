package io.upshift.planner.inventory.domain;

/** Some rows are bad and the import was not partial: nothing was stored; the report lists the rows. */
public class ImportRejectedException extends RuntimeException {

    private final transient ImportReport report;

    public ImportRejectedException(ImportReport report) {
        super(report.rejected() + " of " + report.rows() + " rows cannot be imported, so nothing was stored; "
                + "fix them, or add ?partial=true to store the valid rows");
        this.report = report;
    }

    public ImportReport report() {
        return report;
    }
}
