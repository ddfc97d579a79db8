package io.upshift.planner.campaign.domain;

import static io.upshift.planner.campaign.domain.Specs.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Problem;
import io.upshift.planner.campaign.domain.CampaignSpec.Schedule;
import io.upshift.planner.campaign.domain.CampaignSpec.Selection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule's rules for deadlines, urgency and campaign windows, and selection by region. */
class ScheduleRulesTest {

    private static final Duration MINIMUM = Duration.ofHours(24);

    @Test
    void aNoticeShorterThanTheMinimumNeedsAnUrgency() {
        Schedule quick = new Schedule(null, Duration.ofHours(2), true, List.of());
        assertThat(quick.noticeProblems(NOW, MINIMUM)).extracting(Problem::field).containsExactly("schedule.noticePeriod");

        Schedule urgent = new Schedule(null, Duration.ofHours(2), true, List.of(), null, null,
                new Urgency("revenue roll-up shows wrong figures"));
        assertThat(urgent.noticeProblems(NOW, MINIMUM)).isEmpty();
        assertThat(urgent.urgent()).isTrue();
    }

    @Test
    void theMinimumItselfIsEnoughWithoutUrgency() {
        assertThat(new Schedule(null, MINIMUM, true, List.of()).noticeProblems(NOW, MINIMUM)).isEmpty();
    }

    @Test
    void aDeadlineMustComeAfterTheFirstStartTheNoticeAllows() {
        // 72 h notice: the campaign cannot start before NOW + 72 h, so a deadline 48 h out cannot hold
        Schedule late = new Schedule(null, Duration.ofHours(72), true, List.of(), NOW.plus(Duration.ofHours(48)),
                null, null);
        assertThat(late.noticeProblems(NOW, MINIMUM)).extracting(Problem::field).containsExactly("schedule.deadline");
        assertThat(late.noticeProblems(NOW, MINIMUM).getFirst().message()).contains("urgency");

        // urgent, with 1 h of notice: 48 h is enough
        Schedule urgent = new Schedule(null, Duration.ofHours(1), true, List.of(), NOW.plus(Duration.ofHours(48)),
                null, new Urgency("GDPR retention rules change on Friday"));
        assertThat(urgent.noticeProblems(NOW, MINIMUM)).isEmpty();
    }

    @Test
    void aDeadlineBeforeTheEarliestStartIsRefusedWhateverTheTime() {
        Schedule schedule = new Schedule(NOW.plus(Duration.ofDays(10)), MINIMUM, true, List.of(),
                NOW.plus(Duration.ofDays(9)), null, null);
        List<Problem> problems = new ArrayList<>();
        schedule.problems(problems);
        assertThat(problems).extracting(Problem::field).containsExactly("schedule.deadline");
    }

    @Test
    void aCampaignWindowNeedsAKnownZoneAndBothTimes() {
        Schedule schedule = new Schedule(null, MINIMUM, true, List.of(), null,
                new CampaignWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0), null, "Mars/Base", null), null);
        List<Problem> problems = new ArrayList<>();
        schedule.problems(problems);
        assertThat(problems).extracting(Problem::field)
                .containsExactlyInAnyOrder("schedule.campaignWindow.end", "schedule.campaignWindow.timeZone");
    }

    @Test
    void aWindowWithinTheOrgsWindowsNeedsThoseWindowsRespected() {
        CampaignWindow saturday = new CampaignWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(2, 0),
                LocalTime.of(8, 0), "UTC", CampaignWindow.Mode.WITHIN_ORG_WINDOWS);
        List<Problem> problems = new ArrayList<>();
        new Schedule(null, MINIMUM, false, List.of(), null, saturday, null).problems(problems);
        assertThat(problems).extracting(Problem::field).containsExactly("schedule.campaignWindow.mode");

        List<Problem> instead = new ArrayList<>();
        new Schedule(null, MINIMUM, false, List.of(), null, new CampaignWindow(null, LocalTime.of(2, 0),
                LocalTime.of(8, 0), null, CampaignWindow.Mode.INSTEAD_OF_ORG_WINDOWS), null).problems(instead);
        assertThat(instead).isEmpty();
    }

    @Test
    void aCampaignWindowWithoutDaysOpensEveryDayAndWithoutZoneIsEachOrgsOwn() {
        CampaignWindow window = new CampaignWindow(null, LocalTime.of(2, 0), LocalTime.of(8, 0), null, null);
        assertThat(window.days()).hasSize(7);
        assertThat(window.inEachOrgsZone()).isTrue();
        assertThat(window.mode()).isEqualTo(CampaignWindow.Mode.WITHIN_ORG_WINDOWS);
    }

    @Test
    void anUrgencyNeedsAReason() {
        List<Problem> problems = new ArrayList<>();
        new Schedule(null, Duration.ZERO, true, List.of(), null, null, new Urgency("  ")).problems(problems);
        assertThat(problems).extracting(Problem::field).containsExactly("schedule.urgency.reason");
    }

    @Test
    void regionsAndPodPrefixesAreCheckedAndBecomeLikePatterns() {
        List<Problem> problems = new ArrayList<>();
        new Selection(Set.of(), Set.of("EU*", "E*U", "NA135"), null, List.of(), List.of(),
                Set.of("Europe/*", "Europe/Berlin", "Mars/*", "Europe")).problems(problems);
        assertThat(problems).extracting(Problem::message).anyMatch(m -> m.contains("'E*U'"))
                .anyMatch(m -> m.contains("'Mars/*'")).anyMatch(m -> m.contains("'Europe'"))
                .noneMatch(m -> m.contains("'EU*'") || m.contains("'Europe/*'") || m.contains("'Europe/Berlin'"));

        assertThat(Regions.likePattern("Europe/*", false)).isEqualTo("Europe/%");
        assertThat(Regions.likePattern("eu*", true)).isEqualTo("EU%");
        assertThat(Regions.likePattern("America/Port_of_Spain", false)).isEqualTo("America/Port\\_of\\_Spain");
    }
}
