package io.upshift.planner.campaign.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.shared.domain.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignTest {

    private static final Instant NOW = Specs.NOW;
    private static final Instant STARTS = NOW.plus(Duration.ofHours(72));

    @Test
    void remembersWhoScheduledIt() {
        Campaign scheduled = scheduled();

        assertThat(scheduled.scheduledBy()).isEqualTo("dave");
        assertThat(scheduled.stored(NOW).paused(null).resumed().scheduledBy()).isEqualTo("dave");
    }

    @Test
    void aScheduledCampaignPausedBeforeItStartedIsScheduledAgainWhenResumed() {
        // given a campaign paused before its first wave started
        Campaign paused = scheduled().paused("freeze");

        // when resumed
        Campaign resumed = paused.resumed();

        // then it waits for its start again, which has not moved
        assertThat(paused.state()).isEqualTo(CampaignState.PAUSED);
        assertThat(paused.stateReason()).isEqualTo("freeze");
        assertThat(resumed.state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(resumed.startsAt()).isEqualTo(STARTS);
        assertThat(resumed.startedAt()).isNull();
        assertThat(resumed.started(STARTS).state()).isEqualTo(CampaignState.RUNNING);
    }

    @Test
    void aPausedCampaignThatHadStartedRunsAgainWhenResumed() {
        Campaign running = scheduled().started(STARTS);

        assertThat(running.paused(null).resumed().state()).isEqualTo(CampaignState.RUNNING);
        assertThat(running.paused(null).resumed().startedAt()).isEqualTo(STARTS);
    }

    @Test
    void aPausedCampaignThatNeverStartedCannotStartUntilResumed() {
        Campaign paused = scheduled().paused(null);

        assertThatThrownBy(() -> paused.started(STARTS)).isInstanceOf(ConflictException.class);
    }

    @Test
    void retryingFailedOrgsOfACompletedCampaignRunsItAgain() {
        // given a campaign that completed with failed orgs
        Instant finished = STARTS.plus(Duration.ofHours(5));
        Campaign completed = scheduled().started(STARTS).completed(finished);

        // when two of them are retried
        Campaign retried = completed.retried(2);

        // then it runs again, no longer finished, and completes again when they end
        assertThat(completed.finishedAt()).isEqualTo(finished);
        assertThat(retried.state()).isEqualTo(CampaignState.RUNNING);
        assertThat(retried.finishedAt()).isNull();
        assertThat(retried.startedAt()).isEqualTo(STARTS);
        assertThat(retried.stateReason()).isEqualTo("retrying 2 orgs");
        assertThat(retried.completed(finished.plusSeconds(60)).finishedAt()).isEqualTo(finished.plusSeconds(60));
        // nothing to retry leaves it completed
        assertThat(completed.retried(0)).isSameAs(completed);
    }

    @Test
    void aCanceledCampaignIsNotRetried() {
        Campaign canceled = scheduled().canceled(null, NOW);

        assertThatThrownBy(() -> canceled.retried(1)).isInstanceOf(ConflictException.class);
    }

    private static Campaign scheduled() {
        return Campaign.draft(UUID.randomUUID(), Specs.spec(), "Acme Billing", "04t000000000001AAA", NOW)
                .scheduled(NOW, "dave", STARTS);
    }
}
