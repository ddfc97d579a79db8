package io.upshift.notifier.report.domain;

import java.time.Duration;
import java.util.List;

/**
 * @param recipients the ISV's release team
 * @param languageTag the language reports are written in
 * @param settleTimeout how long a report waits for the outcomes the planner already counted to reach the notifier
 * @param worstPods how many pods the report lists
 * @param csvLimit at most this many failed orgs in the attached CSV
 */
public record ReportSettings(List<String> recipients, String languageTag, Duration settleTimeout, int worstPods,
        int csvLimit) {

    public ReportSettings {
        recipients = List.copyOf(recipients);
    }
}
