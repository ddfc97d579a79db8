package io.upshift.notifier.email.mustache;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.CampaignInfo;
import io.upshift.notifier.report.domain.DeadlineRiskEmailComposer;
import io.upshift.notifier.report.domain.FailedOrg;
import io.upshift.notifier.report.domain.ReportEmailComposer;
import io.upshift.notifier.report.domain.ReportFigures;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.report.domain.ReportSettings;
import io.upshift.notifier.testing.Settings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The publisher's emails about a campaign's deadline (#25), rendered from the real templates. */
class DeadlineReportsRenderingTest {

    private static final Instant T0 = Instant.parse("2026-05-08T20:30:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-05-09T10:00:00Z");
    private static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000004";

    private CampaignInfo campaign = new CampaignInfo("GDPR retention", "Compliance Pack", "7.1.0", DEADLINE, null,
            null, null);
    private final ReportQueries queries = new ReportQueries() {
        @Override
        public Optional<CampaignInfo> campaign(String campaignId) {
            return Optional.of(campaign);
        }

        @Override
        public int finishedOrgs(String campaignId, Integer wave) {
            return 1000;
        }

        @Override
        public ReportFigures figures(String campaignId, Integer wave, int worstPods) {
            return new ReportFigures(Map.of("SUCCEEDED", 40), List.of(), List.of());
        }

        @Override
        public List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit) {
            return List.of();
        }
    };
    private final ReportSettings settings = new ReportSettings(List.of("release-team@isv.example"), "en",
            Duration.ofSeconds(30), 5, 1000);
    private final MustacheTemplates templates = new MustacheTemplates(Settings.defaults());
    private final DeadlineRiskEmailComposer risks = new DeadlineRiskEmailComposer(queries, templates, settings);
    private final ReportEmailComposer reports = new ReportEmailComposer(queries, templates, settings);

    @Test
    void anAtRiskEmailGivesTheDeadlineTheProjectedFinishTheOrgsAtRiskAndTheReason() throws IOException {
        ComposedEmail email = ready(risks.compose(queued(EmailKind.AT_RISK_REPORT, facts("AT_RISK", null,
                "wave 2 waits for approval since 08:00; at 40 in flight 800 orgs need 14 h", DEADLINE.plusSeconds(9000),
                312)), T0));
        UrgentNoticesRenderingTest.dump("at-risk-report", email);

        assertThat(email.recipients()).containsExactly("release-team@isv.example");
        assertThat(email.subject())
                .isEqualTo("[Upshift] AT RISK: GDPR retention may miss its deadline 2026-05-09 10:00:00 UTC");
        assertThat(email.text()).startsWith("Campaign \"GDPR retention\" is AT RISK of missing its deadline.")
                .contains("Package:          Compliance Pack 7.1.0")
                .contains("Deadline:         2026-05-09 10:00:00 UTC")
                .contains("Projected finish: 2026-05-09 12:30:00 UTC (2 h 30 min after the deadline)")
                .contains("Orgs at risk:     312 (not projected to be upgraded before the deadline)")
                .contains("Reason:           wave 2 waits for approval since 08:00; at 40 in flight 800 orgs need 14 h");
        assertThat(email.html()).contains("<td><strong>312</strong> (not projected");
        assertThat(email.attachments()).isEmpty();
    }

    @Test
    void aCampaignThatCannotFinishSaysSoInsteadOfAProjectedFinish() {
        ComposedEmail email = ready(risks.compose(queued(EmailKind.AT_RISK_REPORT,
                facts("AT_RISK", null, "halted in wave 1", null, 800)), T0));

        assertThat(email.text())
                .contains("Projected finish: cannot finish while the campaign is halted or paused")
                .contains("Orgs at risk:     800");
    }

    @Test
    void backOnTrackIsShort() throws IOException {
        ComposedEmail email = ready(risks.compose(queued(EmailKind.BACK_ON_TRACK_REPORT,
                facts("BACK_ON_TRACK", null, null, DEADLINE.minusSeconds(3600), 0)), T0));
        UrgentNoticesRenderingTest.dump("back-on-track-report", email);

        assertThat(email.subject())
                .isEqualTo("[Upshift] Back on track: GDPR retention is projected to finish before its deadline");
        assertThat(email.text()).startsWith("Campaign \"GDPR retention\" is back on track")
                .contains("Projected finish: 2026-05-09 09:00:00 UTC\n")
                .doesNotContain("Orgs at risk").doesNotContain("DeadlinePassed");
    }

    @Test
    void theCampaignReportSaysHowManyOrgsWereNotUpgradedBeforeTheDeadline() throws IOException {
        ReportFacts completed = new ReportFacts(UUID.randomUUID().toString(), "COMPLETED", null, null,
                new ReportFacts.Counts(800, 0, 0, 780, 3, 0, 17, 0), T0, DEADLINE, null, 20);

        ComposedEmail email = ready(reports.compose(queued(EmailKind.CAMPAIGN_ENDED_REPORT, completed), T0));
        UrgentNoticesRenderingTest.dump("campaign-ended-report-deadline", email);

        assertThat(email.text()).contains("\nDeadline 2026-05-09 10:00:00 UTC: 20 orgs not upgraded before it\n")
                .doesNotContain("AT RISK");
        assertThat(email.html()).contains("<strong>Deadline 2026-05-09 10:00:00 UTC: 20 orgs not upgraded before it");
    }

    @Test
    void aWaveReportSaysHowManyOrgsAreAtRiskWhileTheCampaignIsAtRisk() throws IOException {
        ReportFacts passed = new ReportFacts(UUID.randomUUID().toString(), "WAVE_PASSED", 1, null,
                new ReportFacts.Counts(40, 0, 0, 40, 0, 0, 0, 0), T0, DEADLINE, null, null);
        ComposedEmail onTrack = ready(reports.compose(queued(EmailKind.WAVE_PASSED_REPORT, passed), T0));
        campaign = new CampaignInfo("GDPR retention", "Compliance Pack", "7.1.0", DEADLINE,
                new CampaignInfo.Risk(312, DEADLINE.plusSeconds(9000), T0.minusSeconds(600)), null, null);

        ComposedEmail atRisk = ready(reports.compose(queued(EmailKind.WAVE_PASSED_REPORT, passed), T0));
        UrgentNoticesRenderingTest.dump("wave-passed-report-at-risk", atRisk);

        assertThat(onTrack.text()).doesNotContain("AT RISK").doesNotContain("Deadline");
        assertThat(atRisk.text()).contains("AT RISK of missing the deadline 2026-05-09 10:00:00 UTC: 312 orgs are not "
                + "projected to be upgraded before it (projected finish 2026-05-09 12:30:00 UTC).");
        assertThat(atRisk.html()).contains("<strong>At risk of missing the deadline 2026-05-09 10:00:00 UTC:</strong> 312 orgs");
    }

    @Test
    void aHaltReportQueuedFromWaveHaltedWaitsForItsHaltedToCountTheOrgsNotUpgradedInTime() {
        ReportFacts waveHalted = new ReportFacts(UUID.randomUUID().toString(), "WAVE_HALTED", 1, "failure rate 10 %",
                new ReportFacts.Counts(40, 0, 0, 36, 4, 0, 0, 0), T0, DEADLINE, null, null);
        QueuedEmail halt = queued(EmailKind.HALTED_REPORT, waveHalted);

        assertThat(reports.compose(halt, T0.plusSeconds(1))).isInstanceOf(Composition.NotYet.class);

        campaign = new CampaignInfo("GDPR retention", "Compliance Pack", "7.1.0", DEADLINE,
                new CampaignInfo.Risk(760, null, T0), 760, T0);
        ComposedEmail email = ready(reports.compose(halt, T0.plusSeconds(2)));
        assertThat(email.text()).contains("Deadline 2026-05-09 10:00:00 UTC: 760 orgs not upgraded before it")
                .contains("760 orgs are not projected to be upgraded before it (the campaign cannot finish while "
                        + "halted or paused)");
    }

    @Test
    void aHaltReportWhoseHaltedNeverComesGoesOutAfterTheSettleTimeoutWithoutTheCount() {
        ReportFacts waveHalted = new ReportFacts(UUID.randomUUID().toString(), "WAVE_HALTED", 1, "failure rate 10 %",
                new ReportFacts.Counts(40, 0, 0, 36, 4, 0, 0, 0), T0);

        ComposedEmail email = ready(reports.compose(queued(EmailKind.HALTED_REPORT, waveHalted), T0.plusSeconds(31)));

        assertThat(email.text()).contains("HALTED in wave 1").doesNotContain("not upgraded before it");
    }

    private static ReportFacts facts(String type, Integer wave, String reason, Instant projectedFinish,
            Integer orgsAtRisk) {
        return new ReportFacts(UUID.randomUUID().toString(), type, wave, reason, null, T0, DEADLINE, projectedFinish,
                orgsAtRisk);
    }

    private static QueuedEmail queued(EmailKind kind, ReportFacts facts) {
        return new QueuedEmail(UUID.randomUUID(), kind, CAMPAIGN, "", "key", facts, T0, null, 0, T0);
    }

    private static ComposedEmail ready(Composition composition) {
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }
}
