package io.upshift.planner.inventory.jdbc;

import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void escapesTabsLineBreaksAndBackslashesAndWritesNullsAsBackslashN() {
        StringBuilder out = new StringBuilder();

        CopyText.text(out, "a\tb\nc\\d\re");
        out.append('|');
        CopyText.text(out, null);

        assertThat(out).hasToString("a\\tb\\nc\\\\d\\re|\\N");
    }

    @Test
    void writesArraysWithEveryElementQuoted() {
        assertThat(CopyText.array(new StringBuilder(), List.of("a@x.example", "o\"neil@x.example")))
                .hasToString("{\"a@x.example\",\"o\\\\\"neil@x.example\"}");
        assertThat(CopyText.array(new StringBuilder(), List.of())).hasToString("{}");
    }

    @Test
    void writesARowInTheStagingTablesColumnOrder() {
        OrgRow row = new OrgRow(3, orgId(1), "Acme", OrgType.SANDBOX, OrgStatus.TRIAL, "CS42",
                PackageVersionNumber.parse("4.1.2.7"), null, "Europe/Berlin",
                new MaintenanceWindow(Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(4, 5)),
                "de_DE", List.of("a@x.example"), true, "ask first");
        StringBuilder out = new StringBuilder();

        CopyText.row(row, out);

        assertThat(out.toString().split("\t", -1)).containsExactly("3", orgId(1), "Acme", "SANDBOX", "TRIAL", "CS42",
                "Europe/Berlin", "{\"MON\",\"SUN\"}", "22:00:00", "04:05:00", "de_DE", "{\"a@x.example\"}", "t",
                "ask first", "4.1.2.7", "4", "1", "2", "7", "\\N", "\\N\n");
    }
}
