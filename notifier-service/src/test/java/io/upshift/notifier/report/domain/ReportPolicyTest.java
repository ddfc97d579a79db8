package io.upshift.notifier.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.report.domain.CampaignEventFacts.Type;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportPolicyTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z");
    private static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000002";
    private final ReportPolicy policy = new ReportPolicy(true, true);

    @Test
    void aHaltAnnouncedAsWaveHaltedAndAsHaltedIsOneReport() {
        NewEmail waveHalted = policy.plan(event(Type.WAVE_HALTED, 1), 0, NOW).orElseThrow();
        NewEmail halted = policy.plan(event(Type.HALTED, 1), 0, NOW).orElseThrow();

        assertThat(waveHalted.kind()).isEqualTo(EmailKind.HALTED_REPORT);
        assertThat(halted.dedupKey()).isEqualTo(waveHalted.dedupKey());
    }

    @Test
    void theSameWaveHaltingAgainAfterAResumeIsReportedAgain() {
        NewEmail first = policy.plan(event(Type.HALTED, 1), 0, NOW).orElseThrow();
        NewEmail second = policy.plan(event(Type.HALTED, 1), 1, NOW).orElseThrow();

        assertThat(second.dedupKey()).isNotEqualTo(first.dedupKey());
    }

    @Test
    void reportsPassedWavesAndTheEndOfTheCampaignButNotOtherEvents() {
        assertThat(policy.plan(event(Type.WAVE_PASSED, 2), 0, NOW)).get()
                .extracting(NewEmail::kind, NewEmail::dedupKey).containsExactly(EmailKind.WAVE_PASSED_REPORT, "wave-2-passed");
        assertThat(policy.plan(event(Type.COMPLETED, null), 0, NOW)).get()
                .extracting(NewEmail::kind).isEqualTo(EmailKind.CAMPAIGN_ENDED_REPORT);
        assertThat(policy.plan(event(Type.CANCELED, null), 0, NOW)).get()
                .extracting(NewEmail::dedupKey).isEqualTo("ended");
        assertThat(policy.plan(event(Type.STARTED, null), 0, NOW)).isEmpty();
        assertThat(policy.plan(event(Type.WAVE_STARTED, 1), 0, NOW)).isEmpty();
    }

    @Test
    void passedWavesCanBeLeftOutAndNothingIsReportedWithoutRecipients() {
        assertThat(new ReportPolicy(true, false).plan(event(Type.WAVE_PASSED, 2), 0, NOW)).isEmpty();
        assertThat(new ReportPolicy(true, false).plan(event(Type.HALTED, 2), 0, NOW)).isPresent();
        assertThat(new ReportPolicy(false, true).plan(event(Type.HALTED, 2), 0, NOW)).isEqualTo(Optional.empty());
    }

    private static CampaignEventFacts event(Type type, Integer wave) {
        return new CampaignEventFacts(UUID.randomUUID().toString(), CAMPAIGN, type, wave, null, null, NOW, "Spring release",
                "Invoice Manager", "4.2.1");
    }
}
