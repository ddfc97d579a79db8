package io.upshift.executor.campaign.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CampaignStatesTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private final CampaignStates states = new CampaignStates();
    private final UUID campaign = UUID.randomUUID();

    @Test
    void letsCommandsOfACampaignItKnowsNothingAboutRun() {
        assertThat(states.stopReason(campaign)).isEmpty();
    }

    @Test
    void stopsAHaltedCampaignWithItsReason() {
        states.apply(campaign, CampaignSignal.HALTED, "canary failure rate 12 % > 3 %", AT);

        assertThat(states.stopReason(campaign)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("halted").contains("canary failure rate"));
    }

    @Test
    void aResumeLiftsAHalt() {
        states.apply(campaign, CampaignSignal.HALTED, null, AT);
        states.apply(campaign, CampaignSignal.RESUMED, null, AT.plusSeconds(60));

        assertThat(states.stopReason(campaign)).isEmpty();
    }

    @Test
    void aCancelIsFinal() {
        states.apply(campaign, CampaignSignal.CANCELED, "release pulled", AT);
        states.apply(campaign, CampaignSignal.RESUMED, null, AT.plusSeconds(60));
        states.apply(campaign, CampaignSignal.HALTED, null, AT.plusSeconds(120));

        assertThat(states.stopReason(campaign)).hasValueSatisfying(reason -> assertThat(reason).contains("canceled"));
    }

    @Test
    void otherEventsChangeNothing() {
        states.apply(campaign, CampaignSignal.HALTED, null, AT);
        states.apply(campaign, CampaignSignal.NONE, null, AT.plusSeconds(60));

        assertThat(states.stopReason(campaign)).isPresent();
        assertThat(states.stoppedCount()).isEqualTo(1);
    }

    @Test
    void stopsOnlyTheOrgAPersonRemovedAndForGood() {
        String removed = "00D000000000001AAA";
        states.apply(campaign, removed, CampaignSignal.ORG_REMOVED, "renewal talks", AT);
        states.apply(campaign, CampaignSignal.RESUMED, null, AT.plusSeconds(60));

        assertThat(states.stopReason(campaign, removed)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("removed from the campaign").contains("renewal talks"));
        assertThat(states.stopReason(campaign, "00D000000000002AAA")).isEmpty();
        assertThat(states.stopReason(campaign)).isEmpty();
        assertThat(states.stoppedCount()).isZero();
    }
}
