package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.jdbc.TargetQueries.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The results export: one line per org, RFC 4180 quoting. Cells that a spreadsheet would read as a
 * formula (=, +, -, @ — an error message can start with anything) are prefixed with an apostrophe.
 */
final class ResultsCsv {

    static final String HEADER = "org_id,org_name,org_type,instance,wave,state,attempt,command_id,from_version,"
            + "version_after,window_start,window_end,reschedules,dispatched_at,finished_at,error_category,error_code,"
            + "error_message\r\n";

    private ResultsCsv() {
    }

    static void write(Writer out, Target t) {
        try {
            out.write(String.join(",", cell(t.orgId()), cell(t.orgName()), cell(t.orgType()), cell(t.instance()),
                    String.valueOf(t.wave()), t.state().name(), String.valueOf(t.attempt()), cell(t.commandId()),
                    cell(t.fromVersion()), cell(t.versionAfter()), cell(t.windowStart()), cell(t.windowEnd()),
                    String.valueOf(t.reschedules()), cell(t.dispatchedAt()), cell(t.finishedAt()),
                    cell(t.errorCategory()), cell(t.errorCode()), cell(t.errorMessage())));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\'') == 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
