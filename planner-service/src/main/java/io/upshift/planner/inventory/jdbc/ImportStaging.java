package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.domain.ImportRequest;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** The sink a source writes into: good rows go to COPY, bad ones are counted and (some) listed. */
final class ImportStaging implements RowSink {

    private final ImportRequest request;
    final List<RowError> errors = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(512);
    Writer out;
    long staged;
    long rejected;
    long errorCount;

    ImportStaging(ImportRequest request) {
        this.request = request;
    }

    @Override
    public void accept(OrgRow row) {
        count();
        staged++;
        line.setLength(0);
        CopyText.row(row, line);
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reject(List<RowError> rowErrors) {
        count();
        rejected++;
        for (RowError error : rowErrors) {
            if (errorCount++ < request.maxErrors()) {
                errors.add(error);
            }
        }
    }

    private void count() {
        if (staged + rejected >= request.maxRows()) {
            throw new ImportTooLargeException("the import has more than " + request.maxRows()
                    + " rows; split it into several imports");
        }
    }
}
