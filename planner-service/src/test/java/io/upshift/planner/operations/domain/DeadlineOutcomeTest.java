package io.upshift.planner.operations.domain;

import static io.upshift.planner.operations.domain.DeadlineOutcome.ALREADY_ON_TARGET;
import static io.upshift.planner.operations.domain.DeadlineOutcome.CANCELED;
import static io.upshift.planner.operations.domain.DeadlineOutcome.EXCLUDED;
import static io.upshift.planner.operations.domain.DeadlineOutcome.FAILED;
import static io.upshift.planner.operations.domain.DeadlineOutcome.IN_PROGRESS;
import static io.upshift.planner.operations.domain.DeadlineOutcome.TIMED_OUT;
import static io.upshift.planner.operations.domain.DeadlineOutcome.UPGRADED;
import static io.upshift.planner.operations.domain.DeadlineOutcome.UPGRADED_LATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.operations.domain.DeadlineOutcome.Classified;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineOutcomeTest {

    @Test
    void aSuccessCountsAsUpgradedOnlyWhenItFinishedByTheDeadline() {
        assertThat(DeadlineOutcome.ofTarget(TargetState.SUCCEEDED, null, false)).isEqualTo(new Classified(UPGRADED, null));
        assertThat(DeadlineOutcome.ofTarget(TargetState.SUCCEEDED, null, true))
                .isEqualTo(new Classified(UPGRADED_LATE, null));
        assertThat(UPGRADED_LATE.meetsDeadline()).isFalse();
    }

    @Test
    void anOrgAlreadyOnTheTargetMeetsTheDeadlineWhetherTheExecutorSkippedItOrSchedulingExcludedIt() {
        assertThat(DeadlineOutcome.ofTarget(TargetState.SKIPPED, "AlreadyOnTarget", false))
                .isEqualTo(new Classified(ALREADY_ON_TARGET, "SKIPPED"));
        assertThat(DeadlineOutcome.ofExclusion("ALREADY_ON_TARGET")).isEqualTo(new Classified(ALREADY_ON_TARGET, "EXCLUDED"));
        assertThat(ALREADY_ON_TARGET.meetsDeadline()).isTrue();
    }

    @Test
    void everyOtherExclusionIsExcludedWithItsReasonEvenOneThisPlannerDoesNotKnow() {
        assertThat(DeadlineOutcome.ofExclusion("NO_WINDOW_BEFORE_DEADLINE"))
                .isEqualTo(new Classified(EXCLUDED, "NO_WINDOW_BEFORE_DEADLINE"));
        assertThat(DeadlineOutcome.ofExclusion("BLOCKED_BY_SUBSCRIBER")).isEqualTo(new Classified(EXCLUDED,
                "BLOCKED_BY_SUBSCRIBER"));
    }

    @Test
    void aCancelSaysWhy() {
        assertThat(canceled("DeadlinePassed")).isEqualTo("NOT_REACHED");
        assertThat(canceled("BlockedBySubscriber")).isEqualTo("BLOCKED");
        assertThat(canceled("NoWindow")).isEqualTo("NO_WINDOW");
        assertThat(canceled("RemovedFromCampaign")).isEqualTo("REMOVED_FROM_CAMPAIGN");
        assertThat(canceled("CampaignCanceled")).isEqualTo("CAMPAIGN_CANCELED");
        assertThat(canceled("Excluded")).isEqualTo("EXCLUDED_AFTER_SCHEDULING");
        assertThat(canceled("HaltCanceled")).isEqualTo("OTHER");
        assertThat(canceled(null)).isEqualTo("OTHER");
    }

    @Test
    void failuresAndTimeoutsKeepTheirErrorCodeAndWaitingOrgsAreInProgress() {
        assertThat(DeadlineOutcome.ofTarget(TargetState.FAILED, "ApexTestFailure", false))
                .isEqualTo(new Classified(FAILED, "ApexTestFailure"));
        assertThat(DeadlineOutcome.ofTarget(TargetState.FAILED, null, false)).isEqualTo(new Classified(FAILED, "Unknown"));
        assertThat(DeadlineOutcome.ofTarget(TargetState.TIMED_OUT, "PlannerTimeout", false))
                .isEqualTo(new Classified(TIMED_OUT, "PlannerTimeout"));
        assertThat(DeadlineOutcome.ofTarget(TargetState.PLANNED, null, false)).isEqualTo(new Classified(IN_PROGRESS, "WAITING"));
        assertThat(DeadlineOutcome.ofTarget(TargetState.NOTIFIED, null, false)).isEqualTo(new Classified(IN_PROGRESS, "WAITING"));
        assertThat(DeadlineOutcome.ofTarget(TargetState.DISPATCHED, null, false))
                .isEqualTo(new Classified(IN_PROGRESS, "DISPATCHED"));
    }

    @Test
    void onlyUpgradedAndAlreadyOnTargetMeetTheDeadline() {
        assertThat(Arrays.stream(DeadlineOutcome.values()).filter(DeadlineOutcome::meetsDeadline).toList())
                .isEqualTo(List.of(UPGRADED, ALREADY_ON_TARGET));
    }

    @Test
    void theTallyAddsUpAndSaysWhetherEveryOrgMadeIt() {
        DeadlineTally tally = new DeadlineTally()
                .addTargets(new Classified(UPGRADED, null), 5)
                .addTargets(new Classified(ALREADY_ON_TARGET, "SKIPPED"), 1)
                .addExclusions(new Classified(ALREADY_ON_TARGET, "EXCLUDED"), 2);
        assertThat(tally.allMeetDeadline()).isTrue();
        assertThat(tally.total()).isEqualTo(8);

        tally.addTargets(new Classified(CANCELED, "NOT_REACHED"), 3).addTargets(new Classified(CANCELED, "BLOCKED"), 1)
                .addTargets(new Classified(CANCELED, "NOT_REACHED"), 1).addExclusions(new Classified(EXCLUDED, "NO_WINDOW"), 4);

        assertThat(tally.allMeetDeadline()).isFalse();
        assertThat(tally.targets()).isEqualTo(11);
        assertThat(tally.exclusions()).isEqualTo(6);
        assertThat(tally.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(tally.total()).isEqualTo(17);
        assertThat(tally.outcomes()).containsEntry(CANCELED, 5L).containsEntry(IN_PROGRESS, 0L).hasSize(8);
        assertThat(tally.reasons().get(CANCELED)).containsExactly(java.util.Map.entry("BLOCKED", 1L),
                java.util.Map.entry("NOT_REACHED", 4L));
        assertThat(tally.reasons()).doesNotContainKey(UPGRADED);
        assertThatThrownBy(() -> tally.addTargets(new Classified(FAILED, "x"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrgStillInProgressMeansNotAllMadeItYet() {
        assertThat(new DeadlineTally().addTargets(new Classified(UPGRADED, null), 9)
                .addTargets(new Classified(IN_PROGRESS, "DISPATCHED"), 1).allMeetDeadline()).isFalse();
    }

    private static String canceled(String code) {
        Classified c = DeadlineOutcome.ofTarget(TargetState.CANCELED, code, false);
        assertThat(c.outcome()).isEqualTo(CANCELED);
        return c.reason();
    }
}
