package io.upshift.notifier.report.domain;

/**
 * Where a person approves a waiting wave: the console's campaign page when a console URL is configured
 * ({@code <consoleUrl>/campaigns/<id>}); otherwise there is no page, and the API call that approves is given
 * instead ({@code POST /api/v1/campaigns/<id>/approve}, or {@code ./upshift campaign approve <id>}).
 *
 * @param consoleUrl the console's base URL without a trailing slash, or null
 */
public record ApprovalLink(String consoleUrl) {

    /** The console page, or null without a console. */
    public String pageFor(String campaignId) {
        return consoleUrl == null ? null : consoleUrl + "/campaigns/" + campaignId;
    }

    /** The API call that approves the waiting wave (the approver is the caller). */
    public static String apiCallFor(String campaignId) {
        return "POST /api/v1/campaigns/" + campaignId + "/approve";
    }
}
