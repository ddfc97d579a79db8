package io.upshift.planner.tracking.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.tracking.domain.OutcomeRules.Effect;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutcomeRulesTest {

    private static final UUID COMMAND = UUID.fromString("6f1c1f5e-0000-4000-8000-000000000001");
    private static final UUID RETRY = UUID.fromString("6f1c1f5e-0000-4000-8000-000000000002");

    @Test
    void appliesTheOutcomeOfTheCurrentCommand() {
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.DISPATCHED, TargetState.FAILED,
                CampaignState.RUNNING, false)).isEqualTo(Effect.APPLY);
    }

    @Test
    void letsALateOutcomeReplaceThePlannersTimeout() {
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.TIMED_OUT, TargetState.SUCCEEDED,
                CampaignState.RUNNING, false)).isEqualTo(Effect.APPLY);
    }

    @Test
    void recordsButIgnoresAnOutcomeOfACommandThatWasRetriedSince() {
        assertThat(OutcomeRules.decide(COMMAND, RETRY, TargetState.DISPATCHED, TargetState.FAILED,
                CampaignState.RUNNING, false)).isEqualTo(Effect.STALE);
    }

    @Test
    void putsAnOrgTheExecutorDidNotRunBackInLineUnlessTheCampaignWasCanceled() {
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.DISPATCHED, TargetState.CANCELED,
                CampaignState.HALTED, false)).isEqualTo(Effect.REQUEUE);
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.DISPATCHED, TargetState.CANCELED,
                CampaignState.CANCELED, false)).isEqualTo(Effect.APPLY);
    }

    @Test
    void endsAnOrgAPersonRemovedWhenTheExecutorCanceledItsCommand() {
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.DISPATCHED, TargetState.CANCELED,
                CampaignState.RUNNING, true)).isEqualTo(Effect.APPLY);
        // the push had started before the executor heard of the removal: what happened is what counts
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.DISPATCHED, TargetState.FAILED,
                CampaignState.RUNNING, true)).isEqualTo(Effect.APPLY);
    }

    @Test
    void neverChangesAnOrgThatAlreadyFinished() {
        assertThat(OutcomeRules.decide(COMMAND, COMMAND, TargetState.SUCCEEDED, TargetState.FAILED,
                CampaignState.RUNNING, false)).isEqualTo(Effect.STALE);
    }
}
