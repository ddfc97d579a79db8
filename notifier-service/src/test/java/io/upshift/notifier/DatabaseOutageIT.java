package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.DevStackProperties;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * PostgreSQL refuses the notifier for a while (its connections are killed and new ones refused):
 * the notifier goes not-ready, keeps the notices that arrive meanwhile on Kafka, and once the
 * database is back applies them and sends each email once, without a restart.
 */
class DatabaseOutageIT extends NotifierIntegrationTest {

    private final DataSource admin = DevStack.shared().dataSource("postgres");

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void databaseIsBack() throws SQLException {
        execute("alter database notifier allow_connections true");
    }

    @Test
    void noticesArrivingWhileTheDatabaseIsDownAreMailedOnceItIsBack() throws Exception {
        UUID campaign = UUID.randomUUID();
        List<String> addresses = new ArrayList<>();

        execute("alter database notifier allow_connections false");
        execute("select pg_terminate_backend(pid) from pg_stat_activity "
                + "where datname = 'notifier' and pid <> pg_backend_pid()");
        for (int i = 0; i < 10; i++) {
            String address = Records.newAddress("outage-db" + i);
            addresses.add(address);
            SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                    Instant.parse("2030-05-10T20:00:00Z"), List.of(address)).build();
            publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
        }
        String readiness = "http://localhost:" + managementPort + "/actuator/health/readiness";
        await().atMost(PATIENCE).until(() -> status(readiness) == 503);
        Thread.sleep(Duration.ofSeconds(5));
        assertThat(addresses).allSatisfy(a -> assertThat(Mailbox.to(a)).isEmpty());

        execute("alter database notifier allow_connections true");

        await().atMost(PATIENCE).until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() == 1));
        await().atMost(PATIENCE).until(() -> status(readiness) == 200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .filteredOn(s -> s.startsWith("ADVANCE_NOTICE")).hasSize(10).allMatch(s -> s.endsWith("SENT")));
        assertThat(addresses).allSatisfy(a -> assertThat(Mailbox.to(a)).hasSize(1));
        assertThat(DevStackProperties.get(readiness)).contains("UP");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int status(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
