package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {

    // Monday 2 March 2026, 08:00 UTC
    private static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T08:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private final WindowPlanner planner = new WindowPlanner(List.of());

    @Test
    void plansTheNextOccurrenceInTheOrgsOwnTimeZone() {
        // given a Berlin org open 22:00–02:00 on weekdays
        MaintenanceWindow window = new MaintenanceWindow(weekdays(), LocalTime.of(22, 0), LocalTime.of(2, 0));

        // when
        TimeWindow planned = planner.firstWindow(BERLIN, window, MONDAY_MORNING).orElseThrow();

        // then Monday 22:00 CET is 21:00 UTC, running past midnight
        assertThat(planned).isEqualTo(new TimeWindow(Instant.parse("2026-03-02T21:00:00Z"),
                Instant.parse("2026-03-03T01:00:00Z")));
    }

    @Test
    void skipsDaysTheWindowDoesNotOpenOn() {
        // given an org in Sydney open only on Saturdays 01:00–05:00
        MaintenanceWindow window = new MaintenanceWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(1, 0),
                LocalTime.of(5, 0));

        TimeWindow planned = planner.firstWindow(SYDNEY, window, MONDAY_MORNING).orElseThrow();

        // Saturday 7 March 01:00 AEDT (+11) is Friday 6 March 14:00 UTC
        assertThat(planned.start()).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
        assertThat(planned.length()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void givesAnAlwaysOpenOrgOneDayLongWindowStartingAtOnce() {
        TimeWindow planned = planner.firstWindow(UTC, MaintenanceWindow.ALWAYS_OPEN, MONDAY_MORNING.plusSeconds(5))
                .orElseThrow();

        assertThat(planned).isEqualTo(new TimeWindow(MONDAY_MORNING.plusSeconds(5),
                MONDAY_MORNING.plusSeconds(5).plus(Duration.ofHours(24))));
    }

    @Test
    void startsInsideAnOpenWindowWhenEnoughOfItIsLeft() {
        // given a window 06:00–12:00 UTC every day, asked at 08:00
        MaintenanceWindow window = new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(6, 0), LocalTime.of(12, 0));

        assertThat(planner.firstWindow(UTC, window, MONDAY_MORNING).orElseThrow())
                .isEqualTo(new TimeWindow(MONDAY_MORNING, Instant.parse("2026-03-02T12:00:00Z")));
        // but 11:45 leaves too little: the next day's occurrence is planned
        assertThat(planner.firstWindow(UTC, window, Instant.parse("2026-03-02T11:45:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2026-03-03T06:00:00Z"));
    }

    @Test
    void avoidsBlackoutsAndTakesWhatIsLeftOfTheWindowAfterThem() {
        // given a quarter-end blackout until Tuesday 03:00 UTC
        WindowPlanner withBlackout = new WindowPlanner(List.of(new TimeWindow(
                Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-03-03T03:00:00Z"))));
        MaintenanceWindow window = new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(1, 0), LocalTime.of(7, 0));

        TimeWindow planned = withBlackout.firstWindow(UTC, window, MONDAY_MORNING).orElseThrow();

        assertThat(planned).isEqualTo(new TimeWindow(Instant.parse("2026-03-03T03:00:00Z"),
                Instant.parse("2026-03-03T07:00:00Z")));
    }

    @Test
    void keepsAWindowWholeAcrossTheSpringForwardNight() {
        // given a Berlin org open 01:00–05:00 on Sunday 29 March 2026, when clocks jump from 02:00 to 03:00
        MaintenanceWindow window = new MaintenanceWindow(Set.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0),
                LocalTime.of(5, 0));

        TimeWindow planned = planner.firstWindow(BERLIN, window, Instant.parse("2026-03-28T12:00:00Z")).orElseThrow();

        // 01:00 CET = 00:00 UTC, 05:00 CEST = 03:00 UTC: three real hours
        assertThat(planned).isEqualTo(new TimeWindow(Instant.parse("2026-03-29T00:00:00Z"),
                Instant.parse("2026-03-29T03:00:00Z")));
        assertThat(window.isOpenAt(planned.start(), BERLIN)).isTrue();
        assertThat(window.isOpenAt(planned.end().minusMillis(1), BERLIN)).isTrue();
    }

    @Test
    void readsAMissingZoneAsUtcAndRefusesAnUnknownOne() {
        assertThat(WindowPlanner.zoneOf(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(WindowPlanner.zoneOf(" ")).isEqualTo(ZoneOffset.UTC);
        assertThat(WindowPlanner.zoneOf("Europe/Berlin")).isEqualTo(BERLIN);
        assertThatThrownBy(() -> WindowPlanner.zoneOf("Mars/Olympus")).isInstanceOf(DateTimeException.class);
    }

    private static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
}
