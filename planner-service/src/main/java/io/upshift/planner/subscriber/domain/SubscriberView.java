package io.upshift.planner.subscriber.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the subscriber portal may show for one signed link, and nothing else: one org of one campaign.
 *
 * @param stage WAITING (may still change), UNDER_WAY (released), DONE (finished: see {@code result}),
 *     SKIPPED (excluded or canceled before release; see {@code result})
 * @param result the org's end state (SUCCEEDED, FAILED, CANCELED…) once there is one, else null
 * @param resultCode why it ended so (e.g. SUBSCRIBER_OPTED_OUT), or null
 */
public record SubscriberView(String orgId, String orgName, String packageName, String currentVersion,
        String targetVersion, String releaseNotesUrl, String timeZone, String locale, Instant windowStart,
        Instant windowEnd, String stage, String result, String resultCode, String versionAfter,
        List<Choice> choices, boolean mayOptOut, int changesLeft, String supportContact) {

    /** The same view without any way to change: for a link that expired (its window started). */
    public SubscriberView readOnly() {
        return new SubscriberView(orgId, orgName, packageName, currentVersion, targetVersion, releaseNotesUrl, timeZone,
                locale, windowStart, windowEnd, stage, result, resultCode, versionAfter, List.of(), false, 0,
                supportContact);
    }

    /** A window the org may move to. */
    public record Choice(Instant start, Instant end) {
    }
}
