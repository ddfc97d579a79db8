package io.upshift.notifier.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedOrgsCsvTest {

    @Test
    void writesOneQuotedRowPerFailedOrgUnderAHeader() {
        FailedOrg org = new FailedOrg("00D000000000001EAA", "Acme, \"the\" Corp", "NA135", 2, "FAILED",
                "ApexTestFailure", "3 tests failed\nsee log", 1, Instant.parse("2026-05-08T20:10:00Z"));

        String csv = new String(FailedOrgsCsv.write(List.of(org)), StandardCharsets.UTF_8);

        assertThat(csv).isEqualTo(FailedOrgsCsv.HEADER + "\r\n"
                + "00D000000000001EAA,\"Acme, \"\"the\"\" Corp\",NA135,2,FAILED,ApexTestFailure,"
                + "\"3 tests failed\nsee log\",1,2026-05-08T20:10:00Z\r\n");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefused() {
        assertThat(FailedOrgsCsv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(FailedOrgsCsv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(FailedOrgsCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(FailedOrgsCsv.cell("plain")).isEqualTo("plain");
    }
}
