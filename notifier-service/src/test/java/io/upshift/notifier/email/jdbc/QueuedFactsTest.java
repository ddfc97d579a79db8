package io.upshift.notifier.email.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.NoticeFacts;
import io.upshift.notifier.email.domain.ReportFacts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Facts are stored as JSON in the email row and read back when the email is sent, possibly days
 * later (a reminder) and by a newer notifier: #25's fields must survive the trip, and rows written
 * before them must still read.
 */
class QueuedFactsTest {

    private static final Instant WINDOW = Instant.parse("2026-05-08T20:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2026-05-09T10:00:00Z");

    @Test
    void aRemindersUrgencyAndDeadlineSurviveTheQueue() {
        NoticeFacts facts = new NoticeFacts("n1", WINDOW, WINDOW.plusSeconds(3600), "Europe/Berlin", "4.1.3", "4.2.1",
                null, null, "GDPR retention rules apply from Monday", DEADLINE);

        NoticeFacts read = JdbcEmailQueue.JSON.readValue(JdbcEmailQueue.JSON.writeValueAsString(facts),
                NoticeFacts.class);

        assertThat(read).isEqualTo(facts);
    }

    @Test
    void aNoticeRowQueuedBeforeDeadlinesExistedReadsWithoutUrgencyOrDeadline() {
        String before = JdbcEmailQueue.JSON.writeValueAsString(new NoticeFacts("n1", WINDOW, WINDOW.plusSeconds(3600),
                "Europe/Berlin", "4.1.3", "4.2.1", null, null)).replaceAll(",\"urgentReason\":null|,\"deadline\":null", "");
        assertThat(before).doesNotContain("urgentReason").doesNotContain("deadline");

        NoticeFacts read = JdbcEmailQueue.JSON.readValue(before, NoticeFacts.class);

        assertThat(read.urgentReason()).isNull();
        assertThat(read.deadline()).isNull();
        assertThat(read.windowStart()).isEqualTo(WINDOW);
    }

    @Test
    void aReportRowQueuedBeforeDeadlinesExistedReadsWithoutThem() {
        ReportFacts read = JdbcEmailQueue.JSON.readValue("""
                {"eventId":"e1","eventType":"WAVE_PASSED","waveNumber":1,"reason":null,"counts":null,
                 "eventAt":"2026-05-08T20:30:00Z"}""", ReportFacts.class);

        assertThat(read.deadline()).isNull();
        assertThat(read.orgsAtRisk()).isNull();
        assertThat(read.eventAt()).isEqualTo(Instant.parse("2026-05-08T20:30:00Z"));
    }
}
