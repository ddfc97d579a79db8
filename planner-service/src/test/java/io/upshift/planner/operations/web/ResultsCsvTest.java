package io.upshift.planner.operations.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsCsvTest {

    @Test
    void quotesCellsWithCommasQuotesAndLineBreaks() {
        assertThat(ResultsCsv.cell("Apex tests failed: \"AccountTrigger\", line 42"))
                .isEqualTo("\"Apex tests failed: \"\"AccountTrigger\"\", line 42\"");
        assertThat(ResultsCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ResultsCsv.cell("plain")).isEqualTo("plain");
        assertThat(ResultsCsv.cell(null)).isEmpty();
    }

    @Test
    void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
        assertThat(ResultsCsv.cell("=HYPERLINK(\"http://evil.example\")")).startsWith("\"'=HYPERLINK(");
        assertThat(ResultsCsv.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(ResultsCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }
}
