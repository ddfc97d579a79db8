package io.upshift.planner.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignWindow;
import io.upshift.planner.campaign.domain.CampaignWindow.Mode;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpgradeWindowsTest {

    // Monday 2 March 2026, 08:00 UTC
    private static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T08:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private final WindowPlanner planner = new WindowPlanner(List.of());

    @Test
    void withinOrgWindowsPlansWhereBothAreOpen() {
        // given a Berlin org open 22:00–02:00 on weekdays (21:00–01:00 UTC in March) and a campaign open 00:00–04:00 UTC
        UpgradeWindows windows = new UpgradeWindows(planner, true,
                campaign(null, LocalTime.of(0, 0), LocalTime.of(4, 0), "UTC", Mode.WITHIN_ORG_WINDOWS), null);

        UpgradeWindows.Next next = windows.next(BERLIN, Optional.of(window(weekdays(), 22, 2)), MONDAY_MORNING);

        // then only the hour both share: Tuesday 00:00–01:00 UTC
        assertThat(next).isEqualTo(found("2026-03-03T00:00:00Z", "2026-03-03T01:00:00Z"));
    }

    @Test
    void insteadOfOrgWindowsUsesTheCampaignsWindowEvenForAnOrgThatNeverOpens() {
        UpgradeWindows windows = new UpgradeWindows(planner, true, campaign(Set.of(DayOfWeek.SATURDAY),
                LocalTime.of(2, 0), LocalTime.of(8, 0), "UTC", Mode.INSTEAD_OF_ORG_WINDOWS), null);

        UpgradeWindows.Next next = windows.next(BERLIN, Optional.empty(), MONDAY_MORNING);

        assertThat(next).isEqualTo(found("2026-03-07T02:00:00Z", "2026-03-07T08:00:00Z"));
    }

    @Test
    void readsACampaignWindowWithoutZoneInEachOrgsZone() {
        // 02:00–04:00 in Tokyo (+9) is 17:00–19:00 UTC the day before
        UpgradeWindows windows = new UpgradeWindows(planner, true,
                campaign(null, LocalTime.of(2, 0), LocalTime.of(4, 0), null, Mode.INSTEAD_OF_ORG_WINDOWS), null);

        UpgradeWindows.Next next = windows.next(TOKYO, Optional.of(MaintenanceWindow.ALWAYS_OPEN), MONDAY_MORNING);

        assertThat(next).isEqualTo(found("2026-03-02T17:00:00Z", "2026-03-02T19:00:00Z"));
    }

    @Test
    void clipsAWindowToTheDeadline() {
        Instant deadline = Instant.parse("2026-03-02T12:00:00Z");
        UpgradeWindows windows = new UpgradeWindows(planner, true, null, deadline);

        UpgradeWindows.Next next = windows.next(UTC, Optional.of(MaintenanceWindow.ALWAYS_OPEN), MONDAY_MORNING);

        assertThat(next).isEqualTo(found("2026-03-02T08:00:00Z", "2026-03-02T12:00:00Z"));
    }

    @Test
    void aWindowTheDeadlineCutsTooShortIsNoWindowBeforeTheDeadline() {
        // given a daily 10:00–12:00 window and a deadline ten minutes into Monday's: too short to use
        UpgradeWindows windows = new UpgradeWindows(planner, true, null, Instant.parse("2026-03-02T10:10:00Z"));

        UpgradeWindows.Next next = windows.next(UTC, Optional.of(window(EnumSet.allOf(DayOfWeek.class), 10, 12)),
                MONDAY_MORNING);

        assertThat(next).isEqualTo(new UpgradeWindows.None(ExclusionReason.NO_WINDOW_BEFORE_DEADLINE));
    }

    @Test
    void anOrgWhoseWindowOpensAfterTheDeadlineHasNoWindowBeforeIt() {
        UpgradeWindows windows = new UpgradeWindows(planner, true, null, Instant.parse("2026-03-04T00:00:00Z"));

        UpgradeWindows.Next next = windows.next(UTC, Optional.of(window(Set.of(DayOfWeek.SATURDAY), 2, 6)),
                MONDAY_MORNING);

        assertThat(next).isEqualTo(new UpgradeWindows.None(ExclusionReason.NO_WINDOW_BEFORE_DEADLINE));
    }

    @Test
    void anOrgThatNeverOpensHasNoWindowWhateverTheDeadline() {
        UpgradeWindows windows = new UpgradeWindows(planner, true, null, Instant.parse("2026-03-04T00:00:00Z"));

        assertThat(windows.next(UTC, Optional.empty(), MONDAY_MORNING))
                .isEqualTo(new UpgradeWindows.None(ExclusionReason.NO_WINDOW));
    }

    @Test
    void windowsThatNeverMeetGiveNoWindow() {
        // given an org open on Mondays, a campaign open on Tuesdays, the same hours
        UpgradeWindows windows = new UpgradeWindows(planner, true,
                campaign(Set.of(DayOfWeek.TUESDAY), LocalTime.of(2, 0), LocalTime.of(4, 0), "UTC",
                        Mode.WITHIN_ORG_WINDOWS), null);

        assertThat(windows.next(UTC, Optional.of(window(Set.of(DayOfWeek.MONDAY), 2, 4)), MONDAY_MORNING))
                .isEqualTo(new UpgradeWindows.None(ExclusionReason.NO_WINDOW));
    }

    @Test
    void anOverlapShorterThanTheMinimumIsSkippedButAShortWindowInsideALongOneIsUsedWhole() {
        UpgradeWindows slivers = new UpgradeWindows(planner, true,
                campaign(null, LocalTime.of(11, 50), LocalTime.of(13, 0), "UTC", Mode.WITHIN_ORG_WINDOWS), null);
        UpgradeWindows inside = new UpgradeWindows(planner, true,
                campaign(null, LocalTime.of(8, 0), LocalTime.of(16, 0), "UTC", Mode.WITHIN_ORG_WINDOWS), null);

        // 10 minutes a day in common: never usable
        assertThat(slivers.next(UTC, Optional.of(window(EnumSet.allOf(DayOfWeek.class), 10, 12)), MONDAY_MORNING))
                .isEqualTo(new UpgradeWindows.None(ExclusionReason.NO_WINDOW));
        // a 20-minute org window inside the campaign's: usable whole, as without a campaign window
        MaintenanceWindow twentyMinutes = new MaintenanceWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.of(10, 0),
                LocalTime.of(10, 20));
        assertThat(inside.next(UTC, Optional.of(twentyMinutes), MONDAY_MORNING))
                .isEqualTo(found("2026-03-02T10:00:00Z", "2026-03-02T10:20:00Z"));
    }

    @Test
    void theIntersectionAvoidsBlackouts() {
        // given an always-open org, a campaign open 00:00–04:00 UTC, and a blackout over Tuesday's first two hours
        WindowPlanner blackedOut = new WindowPlanner(List.of(new TimeWindow(Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-03T02:00:00Z"))));
        UpgradeWindows windows = new UpgradeWindows(blackedOut, true,
                campaign(null, LocalTime.of(0, 0), LocalTime.of(4, 0), "UTC", Mode.WITHIN_ORG_WINDOWS), null);

        assertThat(windows.next(UTC, Optional.of(MaintenanceWindow.ALWAYS_OPEN), MONDAY_MORNING))
                .isEqualTo(found("2026-03-03T02:00:00Z", "2026-03-03T04:00:00Z"));
    }

    @Test
    void aCampaignThatIgnoresMaintenanceWindowsPlansEveryOrgAlwaysOpen() {
        UpgradeWindows windows = new UpgradeWindows(planner, false, null, null);

        assertThat(windows.next(BERLIN, Optional.empty(), MONDAY_MORNING))
                .isEqualTo(found("2026-03-02T08:00:00Z", "2026-03-03T08:00:00Z"));
    }

    static CampaignWindow campaign(Set<DayOfWeek> days, LocalTime start, LocalTime end, String zone, Mode mode) {
        return new CampaignWindow(days, start, end, zone, mode);
    }

    private static MaintenanceWindow window(Set<DayOfWeek> days, int fromHour, int toHour) {
        return new MaintenanceWindow(days, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0));
    }

    private static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    private static UpgradeWindows.Next found(String start, String end) {
        return new UpgradeWindows.Found(new TimeWindow(Instant.parse(start), Instant.parse(end)));
    }
}
