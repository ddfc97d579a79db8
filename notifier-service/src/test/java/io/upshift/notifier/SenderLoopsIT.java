package io.upshift.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.NoticeKind;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sender loops of one notifier (four, the default) claim from one queue in PostgreSQL and send
 * over their own SMTP connections: between them every email goes out, and none twice.
 */
class SenderLoopsIT extends NotifierIntegrationTest {

    @Test
    void theSenderLoopsOfOneNotifierSendEveryEmailExactlyOnceBetweenThem() {
        UUID campaign = UUID.randomUUID();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String address = Records.newAddress("loops" + i);
            addresses.add(address);
            SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                    Instant.parse("2030-05-10T20:00:00Z"), List.of(address)).build();
            publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
        }

        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).stream()
                .filter(s -> s.startsWith("ADVANCE_NOTICE")).filter(s -> s.endsWith("SENT")).count() == 200);
        assertThat(addresses).allSatisfy(a -> assertThat(Mailbox.to(a)).as("advance notices to %s", a).hasSize(1));
        List<String> loops = jdbc.sql("select distinct claimed_by from email "
                + "where campaign_id = ?::uuid and kind = 'ADVANCE_NOTICE'").param(campaign.toString())
                .query(String.class).list();
        assertThat(loops).as("the loops that sent them").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(loop -> assertThat(loop).matches("notifier-it/[0-9a-f-]{36}/[1-4]"));
        assertThat(loops.stream().map(loop -> loop.substring(0, loop.lastIndexOf('/'))).distinct())
                .as("one instance").hasSize(1);
    }
}
