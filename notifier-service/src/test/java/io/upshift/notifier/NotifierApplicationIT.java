package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

class NotifierApplicationIT extends NotifierIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void bootsAgainstTheDevstackAndReportsHealthyOnItsProbes() {
        String base = "http://localhost:" + managementPort + "/actuator/health";

        assertThat(DevStackProperties.get(base)).contains("\"status\":\"UP\"");
        assertThat(DevStackProperties.get(base + "/liveness")).contains("\"status\":\"UP\"");
        assertThat(DevStackProperties.get(base + "/readiness")).contains("\"status\":\"UP\"");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithApplicationAndInstance() {
        String metrics = DevStackProperties.get("http://localhost:" + managementPort + "/actuator/prometheus");

        assertThat(metrics).contains("jvm_memory_used_bytes")
                .contains("application=\"upshift-notifier\"")
                .contains("instance=\"notifier-it\"");
    }

    @Test
    void exposesTheNotifiersOwnMetricsForEveryKindFromTheStart() {
        String metrics = DevStackProperties.get("http://localhost:" + managementPort + "/actuator/prometheus");

        assertThat(metrics)
                .contains("upshift_notifier_emails_queued_total{application=\"upshift-notifier\",instance=\"notifier-it\",kind=\"advance-notice\"}")
                .contains("upshift_notifier_emails_sent_total{")
                .contains("upshift_notifier_emails_failed_total{")
                .contains("upshift_notifier_emails_suppressed_total{")
                .contains("upshift_notifier_send_latency_seconds_bucket{")
                .contains("upshift_notifier_oldest_unsent_age_seconds{")
                .contains("upshift_notifier_send_errors_total{application=\"upshift-notifier\",failure=\"relay_unavailable\",instance=\"notifier-it\",kind=\"advance-notice\"} 0.0")
                .contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("kind=\"halted-report\"");
    }
}
