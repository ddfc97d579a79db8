package io.upshift.planner.rehearsal.domain;

import java.time.Duration;

/**
 * One finished command of an earlier campaign of the package, as the twin is fitted from it.
 *
 * @param campaignId the campaign it belonged to (text: the domain does not care about its form)
 * @param version the version it pushed
 * @param status SUCCEEDED, FAILED or TIMED_OUT
 * @param errorCode the push error type ("ApexTestFailure") or the executor's code, null when it succeeded
 * @param attempts gateway calls the executor made (1: the first call went through)
 * @param duration from the push's start to its end, null when unknown
 */
public record PastPush(String campaignId, String orgId, String instance, String version, String status,
        String errorCode, int attempts, Duration duration) {

    public boolean failed() {
        return "FAILED".equals(status) || "TIMED_OUT".equals(status);
    }
}
