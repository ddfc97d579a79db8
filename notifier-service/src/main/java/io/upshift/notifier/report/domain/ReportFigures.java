package io.upshift.notifier.report.domain;

import java.util.List;
import java.util.Map;

/**
 * What the recorded outcomes of a wave or campaign add up to, counting each org's latest outcome.
 *
 * @param byStatus finished orgs by outcome status
 * @param failuresByErrorCode FAILED and TIMED_OUT orgs by error code, most frequent first
 * @param pods Salesforce instances with at least one failure, worst first
 * @param chronicFailures of the FAILED and TIMED_OUT orgs, those the planner called chronic for the package when
 *        it scheduled them (they failed in earlier campaigns too, see the planner's chronic-orgs API)
 */
public record ReportFigures(Map<String, Integer> byStatus, List<ErrorCount> failuresByErrorCode, List<PodFigures> pods,
        int chronicFailures) {

    public ReportFigures(Map<String, Integer> byStatus, List<ErrorCount> failuresByErrorCode, List<PodFigures> pods) {
        this(byStatus, failuresByErrorCode, pods, 0);
    }

    public ReportFigures {
        byStatus = Map.copyOf(byStatus);
        failuresByErrorCode = List.copyOf(failuresByErrorCode);
        pods = List.copyOf(pods);
    }

    public int finished() {
        return byStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int failures() {
        return byStatus.getOrDefault("FAILED", 0) + byStatus.getOrDefault("TIMED_OUT", 0);
    }

    public record ErrorCount(String errorCode, int orgs) {
    }

    /** One pod's finished and failed orgs. */
    public record PodFigures(String instance, int finished, int failed) {

        public double failureRate() {
            return finished == 0 ? 0 : (double) failed / finished;
        }
    }
}
