package io.upshift.notifier.report.domain;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.email.domain.TemplateRenderer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Composes the email to the approvers when a wave waits for approval (#20): the campaign, the wave and its size,
 * why it waits, what the campaign's finished orgs add up to so far (the numbers its gates judged), and where to
 * approve — the console page, or the API call while there is no console. It goes out at once: a wave that waits
 * unnoticed is the delay this email exists to avoid. The wave's kind (sandboxes or production) is not in the
 * planner's event, so the email says what the event says: its reason.
 */
public final class ApprovalEmailComposer implements EmailComposer {

    private final ReportQueries queries;
    private final TemplateRenderer templates;
    private final List<String> approvers;
    private final String languageTag;
    private final ApprovalLink link;

    public ApprovalEmailComposer(ReportQueries queries, TemplateRenderer templates, List<String> approvers,
            String languageTag, ApprovalLink link) {
        this.queries = queries;
        this.templates = templates;
        this.approvers = List.copyOf(approvers);
        this.languageTag = languageTag;
        this.link = link;
    }

    @Override
    public Set<EmailKind> kinds() {
        return Set.of(EmailKind.APPROVAL_REQUEST);
    }

    @Override
    public Composition compose(QueuedEmail email, Instant now) {
        if (approvers.isEmpty()) {
            return new Composition.Abandon("no approver recipients configured");
        }
        ReportFacts facts = email.facts(ReportFacts.class);
        CampaignInfo campaign = queries.campaign(email.campaignId()).orElse(new CampaignInfo(null, null, null));
        ReportFigures soFar = queries.figures(email.campaignId(), null, 1);
        Map<String, Object> model = new HashMap<>();
        model.put("campaignId", email.campaignId());
        model.put("campaignName", campaign.campaignName() == null ? email.campaignId() : campaign.campaignName());
        model.put("packageName", campaign.packageName());
        model.put("targetVersion", campaign.targetVersion());
        model.put("waveNumber", facts.waveNumber());
        model.put("waveSize", facts.counts() == null ? "not known" : facts.counts().total());
        model.put("why", why(facts.reason()));
        model.put("reason", facts.reason() == null || facts.reason().isBlank() ? null : facts.reason());
        model.put("finished", soFar.finished());
        model.put("succeeded", soFar.byStatus().getOrDefault("SUCCEEDED", 0));
        model.put("failures", soFar.failures());
        model.put("skipped", soFar.byStatus().getOrDefault("SKIPPED", 0));
        model.put("failureRate", ReportEmailComposer.percent(soFar.failures(),
                soFar.byStatus().getOrDefault("SUCCEEDED", 0) + soFar.failures()));
        model.put("approveUrl", link.pageFor(email.campaignId()));
        model.put("apiCall", ApprovalLink.apiCallFor(email.campaignId()));
        Instant deadline = facts.deadline() != null ? facts.deadline() : campaign.deadline();
        model.put("deadline", deadline == null ? null : ReportEmailComposer.utc(deadline));
        model.put("eventAt", ReportEmailComposer.utc(facts.eventAt()));
        TemplateRenderer.Rendered rendered = templates.render(email.kind(), templates.resolve(languageTag), model);
        return new Composition.Ready(new ComposedEmail(approvers, rendered.subject(), rendered.text(),
                rendered.html(), List.of()));
    }

    /**
     * Why a wave waits, from the planner's reason: an urgent campaign's first wave waits for a second person
     * whatever the campaign says (#25); any other wave waits because the campaign requires approval.
     */
    static String why(String reason) {
        if (reason != null && reason.toLowerCase(Locale.ROOT).contains("urgent")) {
            return "This is the first wave of an urgent campaign: it waits for an approver who neither created nor "
                    + "scheduled the campaign (four eyes), whatever the campaign's own approval setting.";
        }
        return "The campaign requires a person's approval before each wave that may hold production orgs "
                + "(only a first wave of sandboxes starts on its own).";
    }
}
