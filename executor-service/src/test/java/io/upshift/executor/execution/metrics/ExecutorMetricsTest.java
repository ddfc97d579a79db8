package io.upshift.executor.execution.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.PackageVersion;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The executor's outcome metrics, failures by Salesforce pod in particular. */
class ExecutorMetricsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorMetrics metrics = new ExecutorMetrics(meters);

    @Test
    void countsFailuresByErrorCodeAndSalesforcePod() {
        metrics.outcomeWritten(finished("NA135", UpgradeStatus.FAILED, "ApexTestFailure"));
        metrics.outcomeWritten(finished("NA135", UpgradeStatus.FAILED, "ApexTestFailure"));
        metrics.outcomeWritten(finished("cs42", UpgradeStatus.TIMED_OUT, "Timeout"));

        assertThat(meters.get(ExecutorMetrics.FAILURES).tags("salesforce_instance", "NA135", "status", "FAILED",
                "error_code", "ApexTestFailure").counter().count()).isEqualTo(2);
        assertThat(meters.get(ExecutorMetrics.FAILURES).tags("salesforce_instance", "CS42", "status", "TIMED_OUT")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void leavesSuccessesOutOfTheFailures() {
        metrics.outcomeWritten(finished("NA135", UpgradeStatus.SUCCEEDED, null));
        metrics.outcomeWritten(finished("NA135", UpgradeStatus.SKIPPED, null));

        assertThat(meters.find(ExecutorMetrics.FAILURES).counters()).isEmpty();
        assertThat(meters.get(ExecutorMetrics.OUTCOMES).tags("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    }

    @Test
    void keepsThePodTagBoundedWhateverTheCommandSays() {
        assertThat(ExecutorMetrics.podTag("USA646S")).isEqualTo("USA646S");
        assertThat(ExecutorMetrics.podTag(" eu25 ")).isEqualTo("EU25");
        assertThat(ExecutorMetrics.podTag(null)).isEqualTo("Unknown");
        assertThat(ExecutorMetrics.podTag("")).isEqualTo("Unknown");
        assertThat(ExecutorMetrics.podTag("https://acme.my.salesforce.com")).isEqualTo("Other");
        assertThat(ExecutorMetrics.podTag("NA135; drop table")).isEqualTo("Other");
    }

    private static UpgradeFinished finished(String instance, UpgradeStatus status, String errorCode) {
        UpgradeOrg order = new UpgradeOrg(UUID.randomUUID(), UUID.randomUUID(), 2, "00D000000000001AAA", instance,
                "033000000000001", "4.1.3", PackageVersion.of("4.2.1"), "04t000000000001AAA", T0.minusSeconds(3600),
                T0.plusSeconds(3600), 1);
        ErrorCategory category = errorCode == null ? null : ErrorCategory.PERMANENT;
        return new UpgradeFinished(order, status, category, errorCode, errorCode == null ? null : "failed",
                "4.1.3", status == UpgradeStatus.SUCCEEDED ? "4.2.1" : "4.1.3", 1, T0, T0.plusSeconds(30));
    }
}
