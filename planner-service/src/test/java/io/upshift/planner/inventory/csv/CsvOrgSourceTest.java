package io.upshift.planner.inventory.csv;

import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static io.upshift.planner.inventory.InventoryFixtures.orgId15;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.planner.inventory.InventoryFixtures.CollectingSink;
import io.upshift.planner.inventory.csv.CsvOrgSource.Format;
import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportFileException;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.RowError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvOrgSourceTest {

    private static CsvOrgSource source(String text) {
        return new CsvOrgSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static CollectingSink read(String text) {
        CollectingSink sink = new CollectingSink();
        source(text).readRows(sink);
        return sink;
    }

    @Test
    void readsTheSalesforceCliOrgFileWithFifteenAndEighteenCharacterIds() {
        CsvOrgSource source = source(orgId15(1) + "\n" + orgId(2) + "\r\n\n  " + orgId(3) + "  \n");
        CollectingSink sink = new CollectingSink();

        source.readRows(sink);

        assertThat(source.format()).isEqualTo(Format.ORG_FILE);
        assertThat(source.columns()).containsExactly(ImportColumn.ORG_ID);
        assertThat(sink.rows).extracting(OrgRow::orgId).containsExactly(orgId(1), orgId(2), orgId(3));
        assertThat(sink.rows).extracting(OrgRow::line).containsExactly(1, 2, 4);
    }

    @Test
    void reportsTheLineOfABadIdInAnOrgFile() {
        CollectingSink sink = read(orgId(1) + "\nnot-an-org\n" + orgId(3) + "," + orgId(4) + "\n");

        assertThat(sink.rows).hasSize(1);
        assertThat(sink.errors()).extracting(RowError::line, RowError::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "org_id"), org.assertj.core.groups.Tuple.tuple(3, "org_id"));
        assertThat(sink.errors().get(1).reason()).startsWith("expected one org id per line");
    }

    @Test
    void readsAHeaderedCsvWithColumnsInAnyOrderAndCase() {
        CsvOrgSource source = source("Time_Zone, ORG_ID ,org_name\nEurope/Paris," + orgId15(5) + ",Acme SA\n");
        CollectingSink sink = new CollectingSink();

        source.readRows(sink);

        assertThat(source.format()).isEqualTo(Format.CSV);
        assertThat(source.columns()).containsExactlyInAnyOrder(ImportColumn.ORG_ID, ImportColumn.ORG_NAME, ImportColumn.TIME_ZONE);
        assertThat(sink.rows).singleElement().satisfies(row -> {
            assertThat(row.orgId()).isEqualTo(orgId(5));
            assertThat(row.orgName()).isEqualTo("Acme SA");
            assertThat(row.timeZone()).isEqualTo("Europe/Paris");
            assertThat(row.line()).isEqualTo(2);
        });
    }

    @Test
    void namingOneWindowColumnProvidesAllThree() {
        assertThat(source("org_id,window_start,window_end\n").columns())
                .contains(ImportColumn.WINDOW_DAYS, ImportColumn.WINDOW_START, ImportColumn.WINDOW_END);
    }

    @Test
    void readsQuotedCellsWithCommasQuotesAndLineBreaksAndCountsLinesRight() {
        String csv = "\uFEFForg_id,org_name\r\n"
                + orgId(1) + ",\"Baker, Lane & \"\"Co\"\"\"\r\n"
                + orgId(2) + ",\"two\nlines\"\r\n"
                + "bad," + "x\r\n";

        CollectingSink sink = read(csv);

        assertThat(sink.rows).extracting(OrgRow::orgName).containsExactly("Baker, Lane & \"Co\"", "two\nlines");
        assertThat(sink.errors()).singleElement().satisfies(error -> assertThat(error.line()).isEqualTo(5));
    }

    @Test
    void skipsBlankLinesAndRowsOfEmptyCells() {
        CollectingSink sink = read("org_id,org_name\n\n,\n" + orgId(1) + ",A\n   \n");

        assertThat(sink.rows).hasSize(1);
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void rejectsAHeaderWithAnUnknownOrRepeatedColumnOrWithoutOrgId() {
        assertThatThrownBy(() -> source("org_id,colour\n")).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("unknown column 'colour'").hasMessageContaining("org_name");
        assertThatThrownBy(() -> source("org_id,org_name,ORG_NAME\n")).hasMessageContaining("names org_name twice");
        assertThatThrownBy(() -> source("org_name,status\n")).hasMessageContaining("no org_id column");
        assertThatThrownBy(() -> source("org_id,beta\n")).hasMessageContaining("needs the installed_version column");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> source("\n\n  \n")).isInstanceOf(ImportFileException.class)
                .hasMessage("the file has no org ids");
    }

    @Test
    void stopsAtAQuoteThatIsNeverClosed() {
        CsvOrgSource source = source("org_id,org_name\n" + orgId(1) + ",\"Acme\n" + orgId(2) + ",B\n");

        assertThatThrownBy(() -> source.readRows(new CollectingSink()))
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.error().line()).isEqualTo(2))
                .hasMessageContaining("never closed");
    }

    @Test
    void stopsAtTextThatIsNotUtf8() {
        byte[] latin1 = ("org_id,org_name\n" + orgId(1) + ",Caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new CsvOrgSource(new ByteArrayInputStream(latin1)).readRows(new CollectingSink()))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void readsEveryRowOfAGeneratedFleetWithItsValues() throws IOException {
        List<SimulatedOrg> fleet = new FleetGenerator(FleetOptions.defaults(3_000, 17)).stream().toList();
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        FleetCsv.write(fleet.stream(), csv);

        CsvOrgSource source = new CsvOrgSource(new ByteArrayInputStream(csv.toByteArray()));
        CollectingSink sink = new CollectingSink();
        source.readRows(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.rows).hasSize(3_000);
        for (int i = 0; i < fleet.size(); i++) {
            SimulatedOrg expected = fleet.get(i);
            OrgRow row = sink.rows.get(i);
            assertThat(row.orgId()).isEqualTo(expected.orgId());
            assertThat(row.orgName()).isEqualTo(expected.orgName());
            assertThat(row.instance()).isEqualTo(expected.instance());
            assertThat(row.timeZone()).isEqualTo(expected.timeZone().getId());
            assertThat(row.window().days()).isEqualTo(expected.windowDays());
            assertThat(row.window().start()).isEqualTo(expected.windowStart());
            assertThat(row.window().end()).isEqualTo(expected.windowEnd());
            assertThat(row.adminEmails()).isEqualTo(expected.adminEmails());
            assertThat(row.installedVersion() == null ? null : row.installedVersion().toString())
                    .isEqualTo(expected.installedVersion());
        }
    }
}
