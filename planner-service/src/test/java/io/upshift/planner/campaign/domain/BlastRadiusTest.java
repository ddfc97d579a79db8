package io.upshift.planner.campaign.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignSpec.Pacing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {

    private static CampaignSpec spec(Pacing pacing, GateRule gate) {
        CampaignSpec s = Specs.spec();
        return new CampaignSpec(s.name(), s.packageId(), s.targetVersion(), s.selection(), s.strategy(), s.schedule(),
                pacing, gate, s.orgTimeout(), s.supportContact(), s.createdBy());
    }

    @Test
    void aCampaignWithoutAnInFlightCapGetsTheDefaultOneAndItsBound() {
        // given no cap at all, a gate that judges after 10 finished orgs, a default cap of 25
        BlastRadius radius = BlastRadius.of(spec(Pacing.UNLIMITED, Specs.gate(5, 10)), 25);

        // then the dispatcher caps the campaign at 25 in flight, and at most 35 orgs run a failing version
        assertThat(radius.maxInFlight()).isEqualTo(25);
        assertThat(radius.defaultCap()).isTrue();
        assertThat(radius.orgs()).isEqualTo(35);
        assertThat(radius.statement()).startsWith("at most 35 orgs can run a failing version before the gate halts");
    }

    @Test
    void theCampaignsOwnCapWinsEvenAboveTheDefault() {
        BlastRadius radius = BlastRadius.of(spec(new Pacing(null, 200, 5, null, Duration.ofMinutes(1)),
                Specs.gate(5, 10)), 25);

        assertThat(radius.maxInFlight()).isEqualTo(200);
        assertThat(radius.defaultCap()).isFalse();
        assertThat(radius.orgs()).isEqualTo(210);
    }

    @Test
    void aPerInstanceCapAloneDoesNotBoundTheCampaignSoTheDefaultStillApplies() {
        BlastRadius radius = BlastRadius.of(spec(new Pacing(60, null, 5, 10, Duration.ofMinutes(1)),
                Specs.gate(5, 10)), 25);

        assertThat(radius.maxInFlight()).isEqualTo(25);
    }

    @Test
    void aGateThatNeverHaltsJudgesNothingAndGetsNoDefaultCap() {
        BlastRadius radius = BlastRadius.of(spec(Pacing.UNLIMITED, Specs.gate(100, 10)), 25);

        assertThat(radius.maxInFlight()).isNull();
        assertThat(radius.orgs()).isNull();
        assertThat(radius.statement()).contains("never halts");
    }
}
