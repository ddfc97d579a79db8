package io.upshift.planner.operations.web;

import io.upshift.planner.operations.domain.DeadlineOutcome;
import io.upshift.planner.operations.jdbc.DeadlineReportQuery.Row;
import io.upshift.planner.planning.domain.ExclusionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deadline report as CSV: one line per selected org with its outcome and why. Quoted and guarded
 * against spreadsheet formulas by {@link ResultsCsv#cell}, the one CSV escaping of the planner's exports.
 * {@code reason} is the report's breakdown key (an error code, an exclusion reason, NOT_REACHED…);
 * {@code error_code} and {@code message} are what the planner or the executor wrote for the org, or for an
 * excluded org the reason's description.
 */
final class DeadlineReportCsv {

    static final String HEADER = "org_id,org_name,org_type,instance,time_zone,outcome,reason,error_code,message,"
            + "finished_at,wave\r\n";

    /** Read by name rather than valueOf: a reason written by a newer planner must not break the export. */
    private static final Map<String, String> DESCRIPTIONS = Arrays.stream(ExclusionReason.values())
            .collect(Collectors.toMap(ExclusionReason::name, ExclusionReason::description));

    private DeadlineReportCsv() {
    }

    static void write(Writer out, Row row) {
        DeadlineOutcome.Classified c = row.classified();
        String message = row.state() != null ? row.errorMessage() : DESCRIPTIONS.get(row.exclusionReason());
        try {
            out.write(String.join(",", ResultsCsv.cell(row.orgId()), ResultsCsv.cell(row.orgName()),
                    ResultsCsv.cell(row.orgType()), ResultsCsv.cell(row.instance()), ResultsCsv.cell(row.timeZone()),
                    c.outcome().name(), ResultsCsv.cell(c.reason()), ResultsCsv.cell(row.errorCode()),
                    ResultsCsv.cell(message), ResultsCsv.cell(row.finishedAt()), ResultsCsv.cell(row.wave())));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
