package io.upshift.notifier.report.domain;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The CSV of failed orgs attached to a report (RFC 4180, UTF-8). Cells that a spreadsheet would
 * take for a formula (starting with =, +, -, @) are prefixed with a quote: org names and error
 * messages come from outside and must not run as formulas on a release manager's machine.
 */
public final class FailedOrgsCsv {

    static final String HEADER = "org_id,org_name,instance,wave,status,error_code,error_message,attempts,finished_at_utc";

    private FailedOrgsCsv() {
    }

    public static byte[] write(List<FailedOrg> orgs) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (FailedOrg org : orgs) {
            csv.append(cell(org.orgId())).append(',')
                    .append(cell(org.orgName())).append(',')
                    .append(cell(org.instance())).append(',')
                    .append(org.waveNumber()).append(',')
                    .append(cell(org.status())).append(',')
                    .append(cell(org.errorCode())).append(',')
                    .append(cell(org.errorMessage())).append(',')
                    .append(org.attempts()).append(',')
                    .append(org.finishedAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(org.finishedAt()))
                    .append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || text.startsWith("'");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
