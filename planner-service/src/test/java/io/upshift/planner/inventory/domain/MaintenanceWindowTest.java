package io.upshift.planner.inventory.domain;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    @Test
    void readsDayNamesRangesAndWords() {
        assertThat(MaintenanceWindow.parseDays("MON;TUE")).containsExactlyInAnyOrder(MONDAY, TUESDAY);
        assertThat(MaintenanceWindow.parseDays("monday, Wednesday | fri")).containsExactlyInAnyOrder(MONDAY, WEDNESDAY, FRIDAY);
        assertThat(MaintenanceWindow.parseDays("MON-THU")).containsExactlyInAnyOrder(MONDAY, TUESDAY, WEDNESDAY, THURSDAY);
        assertThat(MaintenanceWindow.parseDays("FRI-MON")).containsExactlyInAnyOrder(FRIDAY, SATURDAY, SUNDAY, MONDAY);
        assertThat(MaintenanceWindow.parseDays("ALL")).hasSize(7);
        assertThat(MaintenanceWindow.parseDays("weekends")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
        assertThat(MaintenanceWindow.parseDays("WEEKDAYS")).hasSize(5).doesNotContain(SATURDAY, SUNDAY);
    }

    @Test
    void rejectsUnknownDays() {
        assertThatThrownBy(() -> MaintenanceWindow.parseDays("MON;FUNDAY")).hasMessageContaining("unknown day 'FUNDAY'");
        assertThatThrownBy(() -> MaintenanceWindow.parseDays("MON-XYZ")).hasMessageContaining("unknown day");
        assertThatThrownBy(() -> MaintenanceWindow.parseDays(" ")).hasMessageContaining("no days");
    }

    @Test
    void readsTimesOfDayWithTwentyFourHundredAsMidnight() {
        assertThat(MaintenanceWindow.parseTime("22:00")).isEqualTo(LocalTime.of(22, 0));
        assertThat(MaintenanceWindow.parseTime("2:30")).isEqualTo(LocalTime.of(2, 30));
        assertThat(MaintenanceWindow.parseTime("02:30:15")).isEqualTo(LocalTime.of(2, 30, 15));
        assertThat(MaintenanceWindow.parseTime("24:00")).isEqualTo(LocalTime.MIDNIGHT);
        assertThatThrownBy(() -> MaintenanceWindow.parseTime("25:00")).hasMessageContaining("'25:00' is not a time");
        assertThatThrownBy(() -> MaintenanceWindow.parseTime("10pm")).hasMessageContaining("HH:mm");
    }

    @Test
    void aWindowEndingBeforeItStartsRunsPastMidnight() {
        MaintenanceWindow window = new MaintenanceWindow(Set.of(FRIDAY), LocalTime.of(22, 0), LocalTime.of(4, 0));

        assertThat(window.crossesMidnight()).isTrue();
        assertThat(window.length()).isEqualTo(Duration.ofHours(6));
        assertThat(window.isAlwaysOpen()).isFalse();
    }

    @Test
    void everyDayFromMidnightToMidnightIsAlwaysOpen() {
        assertThat(MaintenanceWindow.ALWAYS_OPEN.isAlwaysOpen()).isTrue();
        assertThat(MaintenanceWindow.ALWAYS_OPEN.length()).isEqualTo(Duration.ofHours(24));
        assertThat(MaintenanceWindow.ALWAYS_OPEN.dayNames()).containsExactly("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    }

    @Test
    void readsAMissingStoredWindowAsAlwaysOpen() {
        Optional<MaintenanceWindow> window = MaintenanceWindow.ofStored(null, null, null);

        assertThat(window).contains(MaintenanceWindow.ALWAYS_OPEN);
        assertThat(window.orElseThrow().length()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void readsTheMissingPartsOfAStoredWindowTheMostOpenWay() {
        assertThat(MaintenanceWindow.ofStored(Set.of(SATURDAY), null, null))
                .contains(new MaintenanceWindow(Set.of(SATURDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        assertThat(MaintenanceWindow.ofStored(null, LocalTime.of(22, 0), null))
                .contains(new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(22, 0)));
    }

    @Test
    void readsAStoredWindowWithoutADayAsNeverOpen() {
        assertThat(MaintenanceWindow.ofStored(Set.of(), LocalTime.of(1, 0), LocalTime.of(2, 0))).isEmpty();
    }

    @Test
    void needsAtLeastOneDay() {
        assertThatThrownBy(() -> new MaintenanceWindow(EnumSet.noneOf(DayOfWeek.class), LocalTime.NOON, LocalTime.MIDNIGHT))
                .hasMessageContaining("at least one day");
    }
}
