package io.upshift.planner.operations.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.operations.jdbc.DeadlineReportQuery.Row;
import io.upshift.planner.shared.domain.InvalidInputException;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineReportCsvTest {

    @Test
    void writesATargetWithItsOutcomeReasonAndTheResultsExportsEscaping() {
        StringWriter out = new StringWriter();
        DeadlineReportCsv.write(out, new Row("00DA0000000001aAAA", "Acme, Inc.", "PRODUCTION", "NA1", "Europe/Berlin",
                TargetState.FAILED, "ApexTestFailure", "=HYPERLINK(\"http://evil.example\")",
                Instant.parse("2026-03-01T10:00:00Z"), 2, null, false));

        assertThat(out.toString()).isEqualTo("00DA0000000001aAAA,\"Acme, Inc.\",PRODUCTION,NA1,Europe/Berlin,FAILED,"
                + "ApexTestFailure,ApexTestFailure,\"'=HYPERLINK(\"\"http://evil.example\"\")\",2026-03-01T10:00:00Z,2\r\n");
    }

    @Test
    void writesAnExcludedOrgWithTheReasonsDescriptionAndNoWave() {
        StringWriter out = new StringWriter();
        DeadlineReportCsv.write(out, new Row("00DA0000000002aAAA", "Beta", "SANDBOX", "CS1", null, null, null, null, null,
                null, "NO_WINDOW", false));
        DeadlineReportCsv.write(out, new Row("00DA0000000003aAAA", null, null, null, null, null, null, null, null,
                null, "SOME_NEWER_REASON", false));

        assertThat(out.toString()).isEqualTo("00DA0000000002aAAA,Beta,SANDBOX,CS1,,EXCLUDED,NO_WINDOW,,"
                + "no maintenance window outside the blackouts within the planning horizon,,\r\n"
                + "00DA0000000003aAAA,,,,,EXCLUDED,SOME_NEWER_REASON,,,,\r\n");
        assertThat(DeadlineReportCsv.HEADER.split(",")).hasSize(11);
    }

    @Test
    void answersCsvWhenAskedByFormatOrByAnAcceptThatPrefersIt() {
        assertThat(DeadlineReportController.wantsCsv(null, null)).isFalse();
        assertThat(DeadlineReportController.wantsCsv(null, "*/*")).isFalse();
        assertThat(DeadlineReportController.wantsCsv(null, "application/json")).isFalse();
        assertThat(DeadlineReportController.wantsCsv(null, "text/csv")).isTrue();
        assertThat(DeadlineReportController.wantsCsv(null, "text/csv, */*;q=0.1")).isTrue();
        assertThat(DeadlineReportController.wantsCsv(null, "application/json, text/csv")).isFalse();
        assertThat(DeadlineReportController.wantsCsv(null, "application/json;q=0.5, text/csv")).isTrue();
        assertThat(DeadlineReportController.wantsCsv(null, "not a media type")).isFalse();
        assertThat(DeadlineReportController.wantsCsv("csv", "application/json")).isTrue();
        assertThat(DeadlineReportController.wantsCsv("JSON", "text/csv")).isFalse();
        assertThatThrownBy(() -> DeadlineReportController.wantsCsv("xml", null)).isInstanceOf(InvalidInputException.class);
    }
}
