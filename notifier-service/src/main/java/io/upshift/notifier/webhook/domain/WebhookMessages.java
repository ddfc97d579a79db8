package io.upshift.notifier.webhook.domain;

import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.ApprovalLink;
import io.upshift.notifier.report.domain.CampaignEventFacts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a webhook call, as a map in the order it is written: {@code id} (the idempotency key),
 * {@code type}, the campaign, package and target version, the wave, the counts, the reason, {@code at}, the
 * deadline fields when the event has them, where to approve a waiting wave, and {@code text} — one line of Slack
 * mrkdwn, so a Slack incoming-webhook URL works as is (Slack reads {@code text} and ignores the rest).
 */
public final class WebhookMessages {

    private final ApprovalLink approvalLink;

    public WebhookMessages(ApprovalLink approvalLink) {
        this.approvalLink = approvalLink;
    }

    /**
     * @param waveCounts for HALTED: the counts of the halted wave as its WAVE_HALTED gave them (the event itself
     *        carries the campaign's), or null
     */
    public Map<String, Object> body(Webhook webhook, CampaignEventFacts event, ReportFacts.Counts waveCounts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", webhook.deliveryId(event));
        body.put("type", event.type().name());
        body.put("eventId", event.eventId());
        body.put("campaignId", event.campaignId());
        body.put("campaignName", event.campaignName());
        body.put("packageName", event.packageName());
        body.put("targetVersion", event.targetVersion());
        body.put("wave", event.waveNumber());
        body.put("counts", counts(event.counts()));
        if (event.type() == CampaignEventFacts.Type.HALTED) {
            body.put("waveCounts", counts(waveCounts));
        }
        body.put("reason", event.reason());
        body.put("at", event.at().toString());
        if (event.deadline() != null) {
            body.put("deadline", event.deadline().toString());
            body.put("projectedFinish", instant(event.projectedFinish()));
            body.put("orgsAtRisk", event.orgsAtRisk());
        }
        if (event.type() == CampaignEventFacts.Type.WAVE_AWAITING_APPROVAL) {
            body.put("approveUrl", approvalLink.pageFor(event.campaignId()));
            body.put("approveCall", ApprovalLink.apiCallFor(event.campaignId()));
        }
        body.put("text", text(event, waveCounts));
        return body;
    }

    /** One line of Slack mrkdwn; text from the event is escaped ({@code & < >}) so it cannot forge links or mentions. */
    String text(CampaignEventFacts event, ReportFacts.Counts waveCounts) {
        String campaign = "*" + slack(event.campaignName() == null ? event.campaignId() : event.campaignName()) + "*"
                + (event.packageName() == null ? "" : " (" + slack(event.packageName())
                        + (event.targetVersion() == null ? "" : " " + slack(event.targetVersion())) + ")");
        String reason = event.reason() == null || event.reason().isBlank() ? "" : ": " + slack(event.reason());
        return switch (event.type()) {
            case SCHEDULED -> ":calendar: " + campaign + " was scheduled"
                    + (event.counts() == null ? "" : " for " + event.counts().total() + " orgs") + ".";
            case WAVE_AWAITING_APPROVAL -> {
                String page = approvalLink.pageFor(event.campaignId());
                yield ":raising_hand: " + campaign + ": wave " + event.waveNumber()
                        + (event.counts() == null ? "" : " (" + event.counts().total() + " orgs)")
                        + " waits for approval" + reason + ". "
                        + (page == null ? "Approve: `" + ApprovalLink.apiCallFor(event.campaignId()) + "`"
                                : "<" + page + "|Review and approve>");
            }
            case WAVE_PASSED -> ":white_check_mark: " + campaign + ": wave " + event.waveNumber() + " passed"
                    + (event.counts() == null ? "" : " — " + summary(event.counts())) + ".";
            case HALTED -> ":octagonal_sign: " + campaign + " HALTED"
                    + (event.waveNumber() == null ? "" : " in wave " + event.waveNumber()) + reason
                    + (waveCounts != null ? " (wave: " + summary(waveCounts) + ")"
                            : event.counts() == null ? "" : " (campaign: " + summary(event.counts()) + ")") + ".";
            case COMPLETED -> ":tada: " + campaign + " completed"
                    + (event.counts() == null ? "" : " — " + summary(event.counts())) + ".";
            case CANCELED -> ":no_entry_sign: " + campaign + " was canceled" + reason
                    + (event.counts() == null ? "" : " (" + summary(event.counts()) + ")") + ".";
            case AT_RISK -> ":warning: " + campaign + " may miss its deadline " + instant(event.deadline())
                    + (event.orgsAtRisk() == null ? "" : ": " + event.orgsAtRisk() + " orgs at risk")
                    + (event.projectedFinish() == null ? " (cannot finish while halted or paused)"
                            : " (projected finish " + event.projectedFinish() + ")") + ".";
            case BACK_ON_TRACK -> ":relieved: " + campaign + " is back on track for its deadline "
                    + instant(event.deadline()) + ".";
            default -> campaign + ": " + event.type() + reason + ".";
        };
    }

    private static String summary(ReportFacts.Counts c) {
        return c.succeeded() + " succeeded, " + c.failed() + " failed, " + c.timedOut() + " timed out, "
                + c.skipped() + " skipped of " + c.total();
    }

    private static Map<String, Object> counts(ReportFacts.Counts c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", c.total());
        counts.put("pending", c.pending());
        counts.put("dispatched", c.dispatched());
        counts.put("succeeded", c.succeeded());
        counts.put("failed", c.failed());
        counts.put("skipped", c.skipped());
        counts.put("canceled", c.canceled());
        counts.put("timedOut", c.timedOut());
        return counts;
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    /** Slack's three control characters in mrkdwn (https://api.slack.com/reference/surfaces/formatting#escaping). */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
