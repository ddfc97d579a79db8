package io.upshift.notifier.report.domain;

import java.time.Instant;

/** One org whose latest outcome is FAILED or TIMED_OUT, for the CSV attached to a report. */
public record FailedOrg(String orgId, String orgName, String instance, int waveNumber, String status,
        String errorCode, String errorMessage, int attempts, Instant finishedAt) {
}
