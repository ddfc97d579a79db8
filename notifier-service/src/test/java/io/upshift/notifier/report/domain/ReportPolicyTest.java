package io.upshift.notifier.report.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.ReportFacts;
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

    @Test
    void eachAtRiskAndBackOnTrackEventIsOneEmailKeyedByItsEventIdWithTheProjectionInItsFacts() {
        Instant deadline = NOW.plusSeconds(48 * 3600);
        CampaignEventFacts atRisk = new CampaignEventFacts(UUID.randomUUID().toString(), CAMPAIGN, Type.AT_RISK, null,
                null, "wave 2 waits for approval", NOW, "Spring release", "Invoice Manager", "4.2.1", deadline,
                deadline.plusSeconds(3600), 120);
        CampaignEventFacts again = new CampaignEventFacts(UUID.randomUUID().toString(), CAMPAIGN, Type.AT_RISK, null,
                null, null, NOW.plusSeconds(60), null, null, null, deadline, null, 800);

        NewEmail first = policy.plan(atRisk, 0, NOW).orElseThrow();
        NewEmail redelivered = policy.plan(atRisk, 0, NOW).orElseThrow();
        NewEmail second = policy.plan(again, 0, NOW).orElseThrow();
        NewEmail back = policy.plan(event(Type.BACK_ON_TRACK, null), 0, NOW).orElseThrow();

        assertThat(first.kind()).isEqualTo(EmailKind.AT_RISK_REPORT);
        assertThat(first.dedupKey()).isEqualTo("at-risk-" + atRisk.eventId()).isEqualTo(redelivered.dedupKey())
                .isNotEqualTo(second.dedupKey());
        assertThat((ReportFacts) first.facts())
                .extracting(ReportFacts::deadline, ReportFacts::projectedFinish, ReportFacts::orgsAtRisk)
                .containsExactly(deadline, deadline.plusSeconds(3600), 120);
        assertThat(back.kind()).isEqualTo(EmailKind.BACK_ON_TRACK_REPORT);
        assertThat(back.dedupKey()).startsWith("back-on-track-");
        assertThat(new ReportPolicy(false, true).plan(atRisk, 0, NOW)).isEmpty();
    }

    private static CampaignEventFacts event(Type type, Integer wave) {
        return new CampaignEventFacts(UUID.randomUUID().toString(), CAMPAIGN, type, wave, null, null, NOW, "Spring release",
                "Invoice Manager", "4.2.1");
    }
}
