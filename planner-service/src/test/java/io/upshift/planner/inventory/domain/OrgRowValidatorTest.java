package io.upshift.planner.inventory.domain;

import static io.upshift.planner.inventory.InventoryFixtures.orgId15;
import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.inventory.InventoryFixtures.CollectingSink;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgRowValidatorTest {

    private static final List<ImportColumn> ALL = Arrays.asList(ImportColumn.values());

    /** Cells for every column, in {@link ImportColumn} order, from a valid row with the given changes. */
    private static List<String> cells(String... changes) {
        String[] cells = {orgId(1), "Acme GmbH", "Production", "active", "eu25", "4.1.2", "false", "Europe/Berlin",
                "SAT;SUN", "22:00", "04:00", "de_DE", "admin@acme.example; it@acme.example", "no", "", "yes"};
        for (int i = 0; i < changes.length; i += 2) {
            cells[ImportColumn.valueOf(changes[i]).ordinal()] = changes[i + 1];
        }
        return List.of(cells);
    }

    private static CollectingSink validate(List<String> cells) {
        CollectingSink sink = new CollectingSink();
        new OrgRowValidator(ALL).validate(7, cells, sink);
        return sink;
    }

    @Test
    void readsAValidRowWithEveryColumn() {
        CollectingSink sink = validate(cells());

        assertThat(sink.rejected).isEmpty();
        OrgRow row = sink.rows.getFirst();
        assertThat(row.line()).isEqualTo(7);
        assertThat(row.orgId()).isEqualTo(orgId(1));
        assertThat(row.orgType()).isEqualTo(OrgType.PRODUCTION);
        assertThat(row.status()).isEqualTo(OrgStatus.ACTIVE);
        assertThat(row.instance()).isEqualTo("EU25");
        assertThat(row.installedVersion()).isEqualTo(PackageVersionNumber.of(4, 1, 2));
        assertThat(row.beta()).isFalse();
        assertThat(row.window()).isEqualTo(new MaintenanceWindow(
                java.util.EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(4, 0)));
        assertThat(row.adminEmails()).containsExactly("admin@acme.example", "it@acme.example");
        assertThat(row.excluded()).isFalse();
        assertThat(row.pushBlocked()).isTrue();
        assertThat(row.excludedNote()).isNull();
    }

    @Test
    void normalisesAFifteenCharacterIdToEighteen() {
        assertThat(validate(cells("ORG_ID", orgId15(1))).rows.getFirst().orgId()).isEqualTo(orgId(1));
    }

    @Test
    void namesTheLineColumnAndReasonOfEveryBadValueInARow() {
        CollectingSink sink = validate(cells("ORG_ID", "00D12345", "ORG_TYPE", "Scratch", "TIME_ZONE", "Mars/Olympus",
                "WINDOW_END", "", "ADMIN_EMAILS", "admin-at-acme"));

        assertThat(sink.rows).isEmpty();
        assertThat(sink.errors()).containsExactly(
                new RowError(7, "org_id", "org id must have 15 or 18 characters, got 8: '00D12345'"),
                new RowError(7, "org_type", "unknown org type 'Scratch', expected PRODUCTION or SANDBOX"),
                new RowError(7, "time_zone", "unknown time zone 'Mars/Olympus', expected an IANA zone such as Europe/Berlin"),
                new RowError(7, "window_end", "a maintenance window needs window_end (HH:mm)"),
                new RowError(7, "admin_emails", "'admin-at-acme' is not an e-mail address"));
    }

    @Test
    void rejectsAnEighteenCharacterIdWithAWrongChecksum() {
        String wrong = orgId15(1) + "ZZZ";

        assertThat(validate(cells("ORG_ID", wrong)).errors()).singleElement()
                .satisfies(error -> assertThat(error.reason()).contains("checksum"));
    }

    @Test
    void rejectsAnUnknownStatusAndAnEmptyOrgId() {
        assertThat(validate(cells("STATUS", "Suspended")).errors()).singleElement()
                .satisfies(error -> assertThat(error.reason()).startsWith("unknown status 'Suspended'"));
        assertThat(validate(cells("ORG_ID", " ")).errors()).containsExactly(new RowError(7, "org_id", "org_id is empty"));
    }

    @Test
    void rejectsBadWindowTimesAndDays() {
        assertThat(validate(cells("WINDOW_START", "25:00")).errors()).extracting(RowError::column).containsExactly("window_start");
        assertThat(validate(cells("WINDOW_DAYS", "Caturday")).errors()).extracting(RowError::column).containsExactly("window_days");
        assertThat(validate(cells("WINDOW_START", "")).errors()).extracting(RowError::column).containsExactly("window_start");
    }

    @Test
    void aWindowWithoutDaysOpensEveryDayAndNoWindowAtAllIsNull() {
        assertThat(validate(cells("WINDOW_DAYS", "")).rows.getFirst().window().days()).hasSize(7);
        assertThat(validate(cells("WINDOW_DAYS", "", "WINDOW_START", "", "WINDOW_END", "")).rows.getFirst().window()).isNull();
    }

    @Test
    void aBetaNeedsAnInstalledVersion() {
        assertThat(validate(cells("INSTALLED_VERSION", "", "BETA", "true")).errors()).singleElement()
                .satisfies(error -> assertThat(error.column()).isEqualTo("beta"));
        assertThat(validate(cells("INSTALLED_VERSION", "", "BETA", "")).rows.getFirst().installedVersion()).isNull();
    }

    @Test
    void acceptsZoneNamesInAnyCaseAndKeepsTheirCanonicalSpelling() {
        assertThat(validate(cells("TIME_ZONE", "america/new_york")).rows.getFirst().timeZone()).isEqualTo("America/New_York");
    }

    @Test
    void rejectsARowWithTooFewCells() {
        CollectingSink sink = validate(List.of(orgId(1), "Acme"));

        assertThat(sink.errors()).singleElement().satisfies(error -> {
            assertThat(error.column()).isNull();
            assertThat(error.reason()).startsWith("has 2 cells, expected 16");
        });
    }

    @Test
    void readsExclusionsAndLimitsNoteLength() {
        OrgRow row = validate(cells("EXCLUDED", "yes", "EXCLUDED_NOTE", "key account, ask first")).rows.getFirst();

        assertThat(row.excluded()).isTrue();
        assertThat(row.excludedNote()).isEqualTo("key account, ask first");
        assertThat(validate(cells("EXCLUDED", "maybe")).errors()).extracting(RowError::reason)
                .containsExactly("'maybe' is not true or false");
        assertThat(validate(cells("EXCLUDED_NOTE", "x".repeat(1001))).errors()).extracting(RowError::reason)
                .containsExactly("at most 1000 characters, got 1001");
    }

    @Test
    void acceptsTheEmailAddressesAFormWouldAccept() {
        assertThat(OrgRowValidator.isEmail("o'neil+ops@sub.acme.example")).isTrue();
        assertThat(OrgRowValidator.isEmail("a@b.co")).isTrue();
        for (String bad : java.util.List.of("a@b", "@x.example", "a@-b.example", "a@b-.example", "a@b..example",
                "a b@x.example", "a@x.example.", "a@x_y.example", "a@@x.example", "ä@x.example")) {
            assertThat(OrgRowValidator.isEmail(bad)).as(bad).isFalse();
        }
    }

    @Test
    void dropsRepeatedAdminAddressesRegardlessOfCase() {
        assertThat(validate(cells("ADMIN_EMAILS", "a@x.example,A@X.example;b@x.example")).rows.getFirst().adminEmails())
                .containsExactly("a@x.example", "b@x.example");
    }
}
