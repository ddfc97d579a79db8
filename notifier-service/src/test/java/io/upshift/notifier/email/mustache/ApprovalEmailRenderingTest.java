package io.upshift.notifier.email.mustache;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.ApprovalEmailComposer;
import io.upshift.notifier.report.domain.ApprovalLink;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import io.upshift.notifier.report.domain.CampaignInfo;
import io.upshift.notifier.report.domain.FailedOrg;
import io.upshift.notifier.report.domain.ReportFigures;
import io.upshift.notifier.report.domain.ReportPolicy;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.testing.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The approvers' email when a wave waits for approval (#20), rendered from the real templates. */
class ApprovalEmailRenderingTest {

    private static final Instant T0 = Instant.parse("2026-05-08T20:30:00Z");
    private static final String CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000021";
    private static final ReportFacts.Counts WAVE = new ReportFacts.Counts(250, 250, 0, 0, 0, 0, 0, 0);

    private final ReportQueries queries = new ReportQueries() {
        @Override
        public Optional<CampaignInfo> campaign(String campaignId) {
            return Optional.of(new CampaignInfo("Spring <release>", "Invoice Manager", "4.2.1"));
        }

        @Override
        public int finishedOrgs(String campaignId, Integer wave) {
            return 50;
        }

        @Override
        public ReportFigures figures(String campaignId, Integer wave, int worstPods) {
            return new ReportFigures(Map.of("SUCCEEDED", 48, "FAILED", 2), List.of(), List.of());
        }

        @Override
        public List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit) {
            return List.of();
        }
    };
    private final MustacheTemplates templates = new MustacheTemplates(Settings.defaults());

    @Test
    void tellsTheApproversTheWaveItsSizeWhyItWaitsTheNumbersSoFarAndLinksToTheConsole() {
        ApprovalEmailComposer composer = new ApprovalEmailComposer(queries, templates, List.of("cab@isv.example"), "en",
                new ApprovalLink("https://upshift.example"));
        ComposedEmail email = ready(composer.compose(queued("wave 2 waits for approval"), T0));

        assertThat(email.recipients()).containsExactly("cab@isv.example");
        assertThat(email.subject()).isEqualTo(
                "[Upshift] Approval needed: Spring <release> wave 2 (250 orgs) waits for you");
        assertThat(email.text()).startsWith("Wave 2 of campaign \"Spring <release>\" waits for your approval.")
                .contains("Wave:             2 (250 orgs)")
                .contains("Why it waits: The campaign requires a person's approval before each wave")
                .contains("  finished        50").contains("  failed          2 (failure rate 4.0 %)")
                .contains("Approve or hold it here: https://upshift.example/campaigns/" + CAMPAIGN)
                .doesNotContain("POST /api");
        assertThat(email.html()).contains("<a href=\"https://upshift.example/campaigns/" + CAMPAIGN + "\"")
                .contains("Spring &lt;release&gt;");
    }

    @Test
    void withoutAConsoleItGivesTheApiCallAndAnUrgentWaveSaysWhy() {
        ApprovalEmailComposer composer = new ApprovalEmailComposer(queries, templates, List.of("cab@isv.example"), "en",
                new ApprovalLink(null));
        ComposedEmail email = ready(composer.compose(queued("wave 1 waits for approval: the first wave of an urgent "
                + "campaign, by someone who neither created nor scheduled it"), T0));

        assertThat(email.text()).contains("POST /api/v1/campaigns/" + CAMPAIGN + "/approve")
                .contains("./upshift campaign approve " + CAMPAIGN)
                .contains("This is the first wave of an urgent campaign")
                .doesNotContain("Approve or hold it here");
        assertThat(email.html()).doesNotContain("<a href");
    }

    @Test
    void noApproversNoEmail() {
        ApprovalEmailComposer composer = new ApprovalEmailComposer(queries, templates, List.of(), "en",
                new ApprovalLink(null));
        assertThat(composer.compose(queued("x"), T0)).isInstanceOf(Composition.Abandon.class);
    }

    @Test
    void theRequestIsQueuedOncePerEventAndOnlyWhenApproversAreConfiguredEvenWithoutReportRecipients() {
        CampaignEventFacts event = new CampaignEventFacts("ev-7", CAMPAIGN, CampaignEventFacts.Type.WAVE_AWAITING_APPROVAL,
                2, WAVE, "wave 2 waits for approval", T0, "c", "p", "1");
        assertThat(new ReportPolicy(false, true, true).plan(event, 0, T0)).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(EmailKind.APPROVAL_REQUEST);
            assertThat(e.dedupKey()).isEqualTo("approval-ev-7");
        });
        assertThat(new ReportPolicy(true, true, false).plan(event, 0, T0)).isEmpty();
    }

    private static QueuedEmail queued(String reason) {
        ReportFacts facts = new ReportFacts(UUID.randomUUID().toString(), "WAVE_AWAITING_APPROVAL", 2, reason, WAVE,
                T0);
        return new QueuedEmail(UUID.randomUUID(), EmailKind.APPROVAL_REQUEST, CAMPAIGN, "", "key", facts, T0, null, 0,
                T0);
    }

    private static ComposedEmail ready(Composition composition) {
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }
}
