package io.upshift.planner.campaign.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FourEyesTest {

    private static final Campaign CAMPAIGN = Campaign.draft(UUID.randomUUID(), Specs.spec(), "Acme Billing",
            "04t000000000001AAA", Specs.NOW).scheduled(Specs.NOW, "dave", Specs.NOW.plusSeconds(3600));

    @Test
    void neitherTheCreatorNorTheSchedulerMayApproveAProductionCanaryThatGoesFirst() {
        // given a campaign without sandboxes ahead: its first wave is a production canary
        List<Wave> waves = List.of(wave(1, "CANARY"), wave(2, "RAMP"));

        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(0), "alice"))
                .hasValueSatisfying(o -> assertThat(o).contains("alice created campaign").contains("first production wave"));
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(0), "dave"))
                .hasValueSatisfying(o -> assertThat(o).contains("dave scheduled campaign").contains("first production wave"));
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(0), "bob")).isEmpty();
    }

    @Test
    void theCreatorAndTheSchedulerMayApproveLaterWavesAndSandboxWaves() {
        List<Wave> waves = List.of(wave(1, "SANDBOX"), wave(2, "CANARY"), wave(3, "RAMP"));

        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(1), "dave")).isPresent();
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(2), "dave")).isEmpty();
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(2), "alice")).isEmpty();
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(0), "alice")).isEmpty();
    }

    @Test
    void neitherTheCreatorNorTheSchedulerMayApproveTheFirstWaveOfAnUrgentCampaignEvenOfSandboxes() {
        CampaignSpec spec = Specs.spec();
        CampaignSpec.Schedule s = spec.schedule();
        CampaignSpec urgentSpec = new CampaignSpec(spec.name(), spec.packageId(), spec.targetVersion(),
                spec.selection(), spec.strategy(), new CampaignSpec.Schedule(s.earliestStart(), s.noticePeriod(),
                        s.respectMaintenanceWindows(), s.blackouts(), null, null, new Urgency("revenue rollup is wrong")),
                spec.pacing(), spec.gate(), spec.orgTimeout(), spec.supportContact(), spec.createdBy());
        Campaign urgent = Campaign.draft(UUID.randomUUID(), urgentSpec, "Acme Billing", "04t000000000001AAA",
                Specs.NOW).scheduled(Specs.NOW, "dave", Specs.NOW.plusSeconds(3600));
        List<Wave> waves = List.of(wave(1, "SANDBOX"), wave(2, "CANARY"), wave(3, "RAMP"));

        assertThat(FourEyes.objection(urgent, waves, waves.get(0), "alice"))
                .hasValueSatisfying(o -> assertThat(o).contains("alice created campaign")
                        .contains("first wave of an urgent campaign (revenue rollup is wrong)"));
        assertThat(FourEyes.objection(urgent, waves, waves.get(0), "dave")).isPresent();
        assertThat(FourEyes.objection(urgent, waves, waves.get(0), "bob")).isEmpty();
        // the first production wave keeps its own rule; later waves stay free
        assertThat(FourEyes.objection(urgent, waves, waves.get(1), "alice")).isPresent();
        assertThat(FourEyes.objection(urgent, waves, waves.get(2), "alice")).isEmpty();
        // without urgency the sandbox wave is theirs to approve
        assertThat(FourEyes.objection(CAMPAIGN, waves, waves.get(0), "alice")).isEmpty();
    }

    private static Wave wave(int number, String kind) {
        return new Wave(number, kind, WaveState.PENDING, Instant.EPOCH, Instant.EPOCH, WaveCounts.ZERO,
                GateBaseline.NONE, Instant.EPOCH, null, null, null, null, null);
    }
}
