package io.upshift.notifier.report.domain;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.email.domain.TemplateRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes the publisher's "campaign at risk of missing its deadline" and "back on track" emails (#25)
 * from the planner's AT_RISK and BACK_ON_TRACK events: the deadline, the projected finish (none while
 * the campaign is halted or paused), the orgs at risk and the planner's reason. Unlike the wave and
 * campaign reports they count no outcomes, so they go out at once: being told early is their point.
 */
public final class DeadlineRiskEmailComposer implements EmailComposer {

    private static final Set<EmailKind> KINDS = Set.of(EmailKind.AT_RISK_REPORT, EmailKind.BACK_ON_TRACK_REPORT);

    private final ReportQueries queries;
    private final TemplateRenderer templates;
    private final ReportSettings settings;

    public DeadlineRiskEmailComposer(ReportQueries queries, TemplateRenderer templates, ReportSettings settings) {
        this.queries = queries;
        this.templates = templates;
        this.settings = settings;
    }

    @Override
    public Set<EmailKind> kinds() {
        return KINDS;
    }

    @Override
    public Composition compose(QueuedEmail email, Instant now) {
        if (settings.recipients().isEmpty()) {
            return new Composition.Abandon("no publisher recipients configured");
        }
        ReportFacts facts = email.facts(ReportFacts.class);
        CampaignInfo campaign = queries.campaign(email.campaignId()).orElse(new CampaignInfo(null, null, null));
        Instant deadline = facts.deadline() != null ? facts.deadline() : campaign.deadline();
        Map<String, Object> model = new HashMap<>();
        model.put("campaignId", email.campaignId());
        model.put("campaignName", campaign.campaignName() == null ? email.campaignId() : campaign.campaignName());
        model.put("packageName", campaign.packageName());
        model.put("targetVersion", campaign.targetVersion());
        model.put("atRisk", email.kind() == EmailKind.AT_RISK_REPORT);
        model.put("backOnTrack", email.kind() == EmailKind.BACK_ON_TRACK_REPORT);
        model.put("deadline", deadline == null ? "not known" : ReportEmailComposer.utc(deadline));
        model.put("projectedFinish", facts.projectedFinish() == null ? null
                : ReportEmailComposer.utc(facts.projectedFinish()));
        model.put("lateBy", deadline == null || facts.projectedFinish() == null ? null
                : lateBy(Duration.between(deadline, facts.projectedFinish())));
        model.put("orgsAtRisk", facts.orgsAtRisk() == null ? "not counted" : facts.orgsAtRisk());
        model.put("reason", facts.reason() == null || facts.reason().isBlank() ? null : facts.reason());
        model.put("eventAt", ReportEmailComposer.utc(facts.eventAt()));
        TemplateRenderer.Rendered rendered = templates.render(email.kind(), templates.resolve(settings.languageTag()),
                model);
        return new Composition.Ready(new ComposedEmail(settings.recipients(), rendered.subject(), rendered.text(),
                rendered.html(), List.of()));
    }

    /** "2 h 30 min", "3 d 4 h", "45 min"; null when the finish is not after the deadline. */
    static String lateBy(Duration late) {
        if (late.isNegative() || late.isZero()) {
            return null;
        }
        long minutes = Math.max(1, (late.toSeconds() + 59) / 60);
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(" d");
        }
        if (hours > 0) {
            text.append(text.isEmpty() ? "" : " ").append(hours).append(" h");
        }
        if (rest > 0 && days == 0) {
            text.append(text.isEmpty() ? "" : " ").append(rest).append(" min");
        }
        return text.isEmpty() ? days + " d" : text.toString();
    }
}
