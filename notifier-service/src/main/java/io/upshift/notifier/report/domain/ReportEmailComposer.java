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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Composes the publisher's reports — wave passed, campaign halted, campaign ended — from the
 * outcomes the notifier recorded: counts by status, failures by error type, the worst pods, and a
 * CSV of the failed orgs.
 * <p>
 * The campaign event and the outcomes it counts travel on different topics, so the event can
 * arrive first. A report therefore waits (up to {@code settleTimeout}) until the notifier has
 * seen as many executor outcomes as the planner counted; after that it goes out with what there is.
 * <p>
 * For a campaign with a deadline (#25) a wave report says how many orgs are at risk while the planner's
 * last projection is AT_RISK, and a halt or campaign report says how many orgs were not upgraded before
 * the deadline. The planner announces a gate's halt as WAVE_HALTED then HALTED, and only HALTED carries
 * that count, so a halt report queued from WAVE_HALTED waits (within the same settle timeout) for its
 * HALTED to be recorded.
 */
public final class ReportEmailComposer implements EmailComposer {

    private static final Set<EmailKind> KINDS = Set.of(EmailKind.WAVE_PASSED_REPORT, EmailKind.HALTED_REPORT,
            EmailKind.CAMPAIGN_ENDED_REPORT);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private final ReportQueries queries;
    private final TemplateRenderer templates;
    private final ReportSettings settings;

    public ReportEmailComposer(ReportQueries queries, TemplateRenderer templates, ReportSettings settings) {
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
        Integer wave = email.kind() == EmailKind.CAMPAIGN_ENDED_REPORT ? null : facts.waveNumber();
        CampaignInfo campaign = queries.campaign(email.campaignId()).orElse(new CampaignInfo(null, null, null));
        boolean settling = now.isBefore(email.createdAt().plus(settings.settleTimeout()));
        if (settling && waitsForItsHalted(email.kind(), facts, campaign)) {
            return new Composition.NotYet(now.plus(LOOK_AGAIN), "waiting for the HALTED event's deadline count");
        }
        if (facts.counts() != null && settling) {
            int expected = facts.counts().succeeded() + facts.counts().failed() + facts.counts().skipped();
            int seen = queries.finishedOrgs(email.campaignId(), countsAreOfWave(facts) ? facts.waveNumber() : null);
            if (seen < expected) {
                return new Composition.NotYet(now.plus(LOOK_AGAIN),
                        "waiting for outcomes: " + seen + " of " + expected + " seen");
            }
        }
        ReportFigures figures = queries.figures(email.campaignId(), wave, settings.worstPods());
        Locale locale = templates.resolve(settings.languageTag());

        Map<String, Object> model = new HashMap<>();
        model.put("campaignId", email.campaignId());
        model.put("campaignName", campaign.campaignName() == null ? email.campaignId() : campaign.campaignName());
        model.put("packageName", campaign.packageName());
        model.put("targetVersion", campaign.targetVersion());
        model.put("waveNumber", wave);
        model.put("wavePassed", email.kind() == EmailKind.WAVE_PASSED_REPORT);
        model.put("halted", email.kind() == EmailKind.HALTED_REPORT);
        model.put("completed", email.kind() == EmailKind.CAMPAIGN_ENDED_REPORT && "COMPLETED".equals(facts.eventType()));
        model.put("campaignCanceled", email.kind() == EmailKind.CAMPAIGN_ENDED_REPORT && "CANCELED".equals(facts.eventType()));
        model.put("reason", facts.reason() == null || facts.reason().isBlank() ? null : facts.reason());
        model.put("eventAt", UTC.format(facts.eventAt().atOffset(ZoneOffset.UTC)));
        model.put("counts", counts(facts, figures));
        model.put("breakdown", breakdown(figures));
        model.put("worstPods", pods(figures));
        model.put("hasFailures", figures.failures() > 0);
        model.put("failedOrgs", figures.failures());
        // failures of orgs that fail release after release are noise about this release: say how many there were
        model.put("chronicFailures", figures.chronicFailures() > 0
                ? Map.of("count", figures.chronicFailures(), "others", figures.failures() - figures.chronicFailures())
                : null);
        model.put("deadlineMissed", deadlineMissed(email.kind(), facts, campaign));
        model.put("atRisk", email.kind() == EmailKind.CAMPAIGN_ENDED_REPORT ? null : atRisk(campaign));

        List<ComposedEmail.Attachment> attachments = new ArrayList<>();
        if (figures.failures() > 0) {
            List<FailedOrg> failed = queries.failedOrgs(email.campaignId(), wave, settings.csvLimit());
            String name = "failed-orgs-" + shortId(email.campaignId()) + (wave == null ? "" : "-wave-" + wave) + ".csv";
            attachments.add(new ComposedEmail.Attachment(name, "text/csv", FailedOrgsCsv.write(failed)));
            model.put("csvName", name);
            model.put("csvTruncated", figures.failures() > failed.size() ? Map.of("limit", failed.size()) : null);
        } else {
            model.put("csvName", null);
            model.put("csvTruncated", null);
        }
        TemplateRenderer.Rendered rendered = templates.render(email.kind(), locale, model);
        return new Composition.Ready(new ComposedEmail(settings.recipients(), rendered.subject(), rendered.text(),
                rendered.html(), attachments));
    }

    private static boolean waitsForItsHalted(EmailKind kind, ReportFacts facts, CampaignInfo campaign) {
        return kind == EmailKind.HALTED_REPORT && "WAVE_HALTED".equals(facts.eventType())
                && (facts.deadline() != null || campaign.deadline() != null)
                && (campaign.lateOrgsAt() == null || campaign.lateOrgsAt().isBefore(facts.eventAt()));
    }

    /** "Deadline …: N orgs not upgraded before it", for a halt or the campaign's end, when the planner counted them. */
    private static Map<String, Object> deadlineMissed(EmailKind kind, ReportFacts facts, CampaignInfo campaign) {
        if (kind != EmailKind.HALTED_REPORT && kind != EmailKind.CAMPAIGN_ENDED_REPORT) {
            return null;
        }
        Instant deadline = facts.deadline() != null ? facts.deadline() : campaign.deadline();
        Integer late = facts.orgsAtRisk();
        if (late == null && campaign.lateOrgsAt() != null && !campaign.lateOrgsAt().isBefore(facts.eventAt())) {
            late = campaign.lateOrgs();
        }
        if (deadline == null || late == null) {
            return null;
        }
        return Map.of("deadline", utc(deadline), "orgs", late, "orgsWord", late == 1 ? "org" : "orgs");
    }

    /** The planner's last projection while it says the campaign will miss its deadline. */
    private static Map<String, Object> atRisk(CampaignInfo campaign) {
        if (campaign.risk() == null || campaign.deadline() == null) {
            return null;
        }
        Map<String, Object> risk = new HashMap<>();
        risk.put("deadline", utc(campaign.deadline()));
        risk.put("orgs", campaign.risk().orgsAtRisk() == null ? "some" : campaign.risk().orgsAtRisk());
        risk.put("projectedFinish", campaign.risk().projectedFinish() == null ? null
                : utc(campaign.risk().projectedFinish()));
        return risk;
    }

    static String utc(Instant at) {
        return UTC.format(at.atOffset(ZoneOffset.UTC));
    }

    /** WAVE_* events carry the wave's counts; the others the campaign's. */
    private static boolean countsAreOfWave(ReportFacts facts) {
        return facts.eventType().startsWith("WAVE_") && facts.waveNumber() != null;
    }

    /** The planner's counts when the event has them (they include orgs not finished yet), else ours. */
    private static Map<String, Object> counts(ReportFacts facts, ReportFigures figures) {
        Map<String, Object> counts = new HashMap<>();
        if (facts.counts() != null) {
            ReportFacts.Counts c = facts.counts();
            counts.put("scopeWave", countsAreOfWave(facts) ? facts.waveNumber() : null);
            counts.put("fromPlanner", true);
            counts.put("total", c.total());
            counts.put("pending", c.pending());
            counts.put("dispatched", c.dispatched());
            counts.put("succeeded", c.succeeded());
            counts.put("failed", c.failed());
            counts.put("skipped", c.skipped());
            counts.put("canceled", c.canceled());
            counts.put("timedOut", c.timedOut());
            counts.put("failureRate", percent(c.failed() + c.timedOut(), c.succeeded() + c.failed() + c.timedOut()));
        } else {
            Map<String, Integer> s = figures.byStatus();
            counts.put("scopeWave", null);
            counts.put("fromPlanner", false);
            counts.put("total", figures.finished());
            counts.put("pending", null);
            counts.put("dispatched", null);
            counts.put("succeeded", s.getOrDefault("SUCCEEDED", 0));
            counts.put("failed", s.getOrDefault("FAILED", 0));
            counts.put("skipped", s.getOrDefault("SKIPPED", 0));
            counts.put("canceled", s.getOrDefault("CANCELED", 0));
            counts.put("timedOut", s.getOrDefault("TIMED_OUT", 0));
            counts.put("failureRate", percent(figures.failures(),
                    s.getOrDefault("SUCCEEDED", 0) + figures.failures()));
        }
        return counts;
    }

    private static List<Map<String, Object>> breakdown(ReportFigures figures) {
        int failures = figures.failures();
        return figures.failuresByErrorCode().stream()
                .<Map<String, Object>>map(e -> Map.of("errorCode", e.errorCode(), "orgs", e.orgs(),
                        "share", percent(e.orgs(), failures)))
                .toList();
    }

    private static List<Map<String, Object>> pods(ReportFigures figures) {
        return figures.pods().stream()
                .<Map<String, Object>>map(p -> Map.of("instance", p.instance(), "failed", p.failed(),
                        "finished", p.finished(), "failureRate", percent(p.failed(), p.finished())))
                .toList();
    }

    static String percent(int part, int whole) {
        if (whole == 0) {
            return "0 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    private static String shortId(String campaignId) {
        return campaignId.length() > 8 ? campaignId.substring(0, 8) : campaignId;
    }
}
