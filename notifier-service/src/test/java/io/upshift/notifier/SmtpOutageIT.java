package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.devstack.DevStack;
import io.upshift.devstack.SmtpServer;
import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP relay goes away for a while: nothing is lost, nothing is sent twice, nothing is given up. */
class SmtpOutageIT extends NotifierIntegrationTest {

    private final SmtpServer smtp = DevStack.shared().smtp();

    @AfterEach
    void relayIsBack() {
        smtp.start();
    }

    @Test
    void emailsQueuedWhileTheRelayIsDownGoOutOnceEachWhenItIsBack() {
        UUID campaign = UUID.randomUUID();
        List<String> addresses = new ArrayList<>();
        smtp.stop();

        for (int i = 0; i < 25; i++) {
            String address = Records.newAddress("outage" + i);
            addresses.add(address);
            SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                    Instant.parse("2030-05-10T20:00:00Z"), List.of(address)).build();
            publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
        }
        // The sender has met the dead relay several times…
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                select count(*) from email
                where campaign_id = ?::uuid and kind = 'ADVANCE_NOTICE' and status = 'PENDING' and last_error is not null""")
                .param(campaign.toString()).query(Integer.class).single() >= 5);
        // …and no email lost a try or was given up for it.
        assertThat(jdbc.sql("select count(*) from email where campaign_id = ?::uuid and kind = 'ADVANCE_NOTICE' "
                + "and (attempts > 0 or status not in ('PENDING', 'SENDING'))")
                .param(campaign.toString()).query(Integer.class).single()).isZero();

        smtp.start();

        await().atMost(PATIENCE).until(() -> addresses.stream().allMatch(a -> Mailbox.to(a).size() == 1));
        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).stream()
                .filter(s -> s.startsWith("ADVANCE_NOTICE")).allMatch(s -> s.endsWith("SENT")));
        assertThat(addresses).allSatisfy(a -> assertThat(Mailbox.to(a)).hasSize(1));
    }
}
