package io.upshift.planner.campaign.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Problem;
import java.util.List;

/**
 * Why a campaign cannot wait for the usual notice period (a hotfix, a regulatory update). An urgent
 * campaign may give less notice than the ISV's minimum; in exchange its first wave, sandboxes or not,
 * waits for the approval of a second person (neither its creator nor whoever scheduled it), and every
 * subscriber notice says why it is urgent. Gates, caps and the blast-radius bound stay as they are.
 *
 * @param reason why, in the ISV's words, as subscribers read it
 */
public record Urgency(String reason) {

    public static final int MAX_REASON = 500;

    void problems(String field, List<Problem> problems) {
        if (reason == null || reason.isBlank()) {
            problems.add(new Problem(field + ".reason", "must say why the campaign is urgent: subscribers read it"));
        } else if (reason.length() > MAX_REASON) {
            problems.add(new Problem(field + ".reason", "must be at most " + MAX_REASON + " characters"));
        }
    }
}
