package io.upshift.fleet.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FleetCsvTest {

    private static SimulatedOrg org(String name, String installedVersion, boolean beta) {
        return new SimulatedOrg("00D5e000000AbCdEAA", name, "SANDBOX", "ACTIVE", "CS42", installedVersion, beta,
                ZoneId.of("Europe/Berlin"), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), LocalTime.of(22, 0),
                LocalTime.of(4, 30), "de_DE", List.of("admin@acme.example", "it@acme.example"));
    }

    @Test
    void writesAHeaderAndOneRowPerOrg() throws IOException {
        StringWriter out = new StringWriter();

        long written = FleetCsv.write(new FleetGenerator(FleetOptions.defaults(250, 3)).stream(), out);

        List<String> lines = out.toString().lines().toList();
        assertThat(written).isEqualTo(250);
        assertThat(lines).hasSize(251);
        assertThat(lines.getFirst()).isEqualTo("org_id,org_name,org_type,status,instance,installed_version,beta,"
                + "time_zone,window_days,window_start,window_end,locale,admin_emails");
    }

    @Test
    void writesEveryFieldInTheImportFormat() {
        assertThat(FleetCsv.row(org("Acme Logistics 7 GmbH (UAT)", "4.1.2", false)))
                .isEqualTo("00D5e000000AbCdEAA,Acme Logistics 7 GmbH (UAT),SANDBOX,ACTIVE,CS42,4.1.2,false,"
                        + "Europe/Berlin,MON;SAT,22:00,04:30,de_DE,admin@acme.example;it@acme.example");
    }

    @Test
    void quotesNamesWithCommasAndQuotes() {
        assertThat(FleetCsv.row(org("Baker, Lane & \"Co\"", "4.1.2", false)))
                .startsWith("00D5e000000AbCdEAA,\"Baker, Lane & \"\"Co\"\"\",SANDBOX,");
    }

    @Test
    void leavesTheVersionAndBetaEmptyWhenThePackageIsNotInstalled() {
        assertThat(FleetCsv.row(org("Acme", null, false))).contains(",CS42,,,Europe/Berlin,");
        assertThat(FleetCsv.row(org("Acme", "4.3.0", true))).contains(",CS42,4.3.0,true,Europe/Berlin,");
    }

    @Test
    void anEmptyFleetIsJustTheHeader() throws IOException {
        StringWriter out = new StringWriter();

        assertThat(FleetCsv.write(Stream.empty(), out)).isZero();
        assertThat(out.toString()).isEqualTo(String.join(",", FleetCsv.COLUMNS) + "\n");
    }
}
