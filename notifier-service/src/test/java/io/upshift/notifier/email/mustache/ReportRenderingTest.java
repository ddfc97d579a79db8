package io.upshift.notifier.email.mustache;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.CampaignInfo;
import io.upshift.notifier.report.domain.FailedOrg;
import io.upshift.notifier.report.domain.ReportEmailComposer;
import io.upshift.notifier.report.domain.ReportFigures;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.report.domain.ReportSettings;
import io.upshift.notifier.testing.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The publisher's reports as they are rendered from the real templates. */
class ReportRenderingTest {

    private static final Instant T0 = Instant.parse("2026-05-08T20:30:00Z");
    private static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000003";

    private int outcomesSeen = 40;
    private int chronicFailures = 0;
    private final ReportQueries queries = new ReportQueries() {
        @Override
        public Optional<CampaignInfo> campaign(String campaignId) {
            return Optional.of(new CampaignInfo("Spring <release>", "Invoice Manager", "4.2.1"));
        }

        @Override
        public int finishedOrgs(String campaignId, Integer wave) {
            return outcomesSeen;
        }

        @Override
        public ReportFigures figures(String campaignId, Integer wave, int worstPods) {
            return new ReportFigures(Map.of("SUCCEEDED", 36, "FAILED", 3, "TIMED_OUT", 1),
                    List.of(new ReportFigures.ErrorCount("ApexTestFailure", 3), new ReportFigures.ErrorCount("Timeout", 1)),
                    List.of(new ReportFigures.PodFigures("NA135", 10, 3), new ReportFigures.PodFigures("EU12", 20, 1)),
                    chronicFailures);
        }

        @Override
        public List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit) {
            return List.of(new FailedOrg("00D000000000001EAA", "=cmd|' /C calc'!A0", "NA135", 1, "FAILED",
                    "ApexTestFailure", "Apex tests failed", 1, T0));
        }
    };
    private final ReportEmailComposer composer = new ReportEmailComposer(queries,
            new MustacheTemplates(Settings.defaults()),
            new ReportSettings(List.of("release-team@isv.example"), "en", Duration.ofSeconds(30), 5, 1000));

    @Test
    void aHaltReportGivesCountsFailuresByErrorTypeWorstPodsAndTheFailedOrgsAsCsv() {
        ComposedEmail email = ready(composer.compose(halt(), T0));

        assertThat(email.recipients()).containsExactly("release-team@isv.example");
        assertThat(email.subject()).isEqualTo("[Upshift] HALTED: Spring <release> in wave 1");
        assertThat(email.text())
                .contains("Campaign \"Spring <release>\" HALTED in wave 1")
                .contains("Reason:       failure rate 10.0 % above 3 %")
                .contains("Orgs in wave 1:")
                .contains("  failed       3")
                .contains("  ApexTestFailure: 3 (75.0 %)")
                .contains("  NA135: 3 of 10 failed (30.0 %)")
                .contains("The 4 failed orgs are listed in the attached failed-orgs-5b8f7c1e-wave-1.csv");
        assertThat(email.html()).contains("Spring &lt;release&gt;").doesNotContain("<release>");
        assertThat(email.attachments()).singleElement().satisfies(csv -> {
            assertThat(csv.fileName()).isEqualTo("failed-orgs-5b8f7c1e-wave-1.csv");
            assertThat(new String(csv.content(), StandardCharsets.UTF_8))
                    .startsWith("org_id,org_name,instance,wave,status")
                    .contains("\"'=cmd|' /C calc'!A0\"");
        });
    }

    @Test
    void aReportWaitsUntilTheOutcomesThePlannerCountedHaveArrived() {
        outcomesSeen = 30;

        assertThat(composer.compose(halt(), T0.plusSeconds(5))).isInstanceOf(Composition.NotYet.class);
        assertThat(composer.compose(halt(), T0.plusSeconds(31))).isInstanceOf(Composition.Ready.class);
    }

    @Test
    void aReportSaysHowManyFailuresCameFromChronicOrgsAndSaysNothingWhenNone() {
        String without = ready(composer.compose(halt(), T0)).text();
        chronicFailures = 3;

        ComposedEmail email = ready(composer.compose(halt(), T0));

        assertThat(without).doesNotContain("chronic");
        assertThat(email.text()).contains("3 of the failures came from chronic orgs (orgs that failed in earlier"
                + " campaigns of the package too; the planner's chronic-orgs API lists them); 1 from the others.");
        assertThat(email.html()).contains("3 of the failures came from chronic orgs");
    }

    private static QueuedEmail halt() {
        ReportFacts facts = new ReportFacts(UUID.randomUUID().toString(), "WAVE_HALTED", 1,
                "failure rate 10.0 % above 3 %", new ReportFacts.Counts(50, 5, 5, 36, 3, 1, 0, 0), T0);
        return new QueuedEmail(UUID.randomUUID(), EmailKind.HALTED_REPORT, CAMPAIGN, "", "halt-wave-1-resume-0", facts, T0,
                null, 0, T0);
    }

    private static ComposedEmail ready(Composition composition) {
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }
}
