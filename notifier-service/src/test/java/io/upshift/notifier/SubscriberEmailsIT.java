package io.upshift.notifier;

import static io.upshift.notifier.testing.Mailbox.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.NoticeKind;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.SubscriberNotice;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.notifier.testing.Mailbox;
import io.upshift.notifier.testing.Records;
import io.upshift.schemas.Topics;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Advance notices, reminders, rescheduled and canceled notices and result emails, end to end. */
class SubscriberEmailsIT extends NotifierIntegrationTest {

    @Test
    void mailsTheAdvanceNoticeToEveryContactWithTextAndHtmlAndTheWindowInTheOrgsZoneAndUtc() {
        UUID campaign = UUID.randomUUID();
        String admin = Records.newAddress("admin");
        String ops = Records.newAddress("ops");
        Instant window = Instant.parse("2030-05-10T20:00:00Z");
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED, window,
                List.of(admin, ops)).build();

        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1 && Mailbox.to(ops).size() == 1);
        MimeMessage mail = Mailbox.to(admin).getFirst();
        assertThat(Mailbox.recipients(mail)).containsExactly(admin, ops);
        assertThat(Mailbox.subject(mail)).isEqualTo("Invoice Manager 4.2.1: Upgrade von Acme GmbH geplant für 10.05.2030");
        assertThat(Mailbox.contentType(mail)).startsWith("multipart/alternative");
        assertThat(part(mail, "text/plain"))
                .contains("Freitag, 10. Mai 2030, 22:00 – Samstag, 11. Mai 2030, 02:00")
                .contains("(Europe/Berlin)")
                .contains("2030-05-10 20:00 – 2030-05-11 00:00 UTC");
        assertThat(part(mail, "text/html")).contains("<html lang=\"de\">").contains("Freitag, 10. Mai 2030, 22:00");
        assertThat(Mailbox.header(mail, "X-Upshift-Kind")).isEqualTo("advance-notice");
        assertThat(Mailbox.header(mail, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(Mailbox.messageId(mail)).endsWith("@upshift.local>");
    }

    @Test
    void aRedeliveredNoticeSendsNothingNew() {
        UUID campaign = UUID.randomUUID();
        String orgId = Records.newOrgId();
        String admin = Records.newAddress("admin");
        SubscriberNotice notice = Records.notice(campaign, orgId, NoticeKind.SCHEDULED,
                Instant.parse("2030-05-10T20:00:00Z"), List.of(admin)).build();
        publish(Topics.SUBSCRIBER_NOTICES, orgId, notice);
        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1);

        publish(Topics.SUBSCRIBER_NOTICES, orgId, notice);
        // A later notice for the same org travels behind the duplicate on the same partition:
        // once its email is out, the duplicate has been handled.
        String marker = Records.newAddress("marker");
        SubscriberNotice next = Records.notice(UUID.randomUUID(), orgId, NoticeKind.SCHEDULED,
                Instant.parse("2030-06-10T20:00:00Z"), List.of(marker)).build();
        publish(Topics.SUBSCRIBER_NOTICES, orgId, next);
        await().atMost(PATIENCE).until(() -> Mailbox.to(marker).size() == 1);

        assertThat(Mailbox.to(admin)).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .containsExactlyInAnyOrder("ADVANCE_NOTICE SENT", "REMINDER PENDING"));
    }

    @Test
    void theReminderGoesOutTheConfiguredTimeBeforeTheWindowAndNotBefore() {
        UUID campaign = UUID.randomUUID();
        String admin = Records.newAddress("admin");
        Instant window = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED, window,
                List.of(admin)).setLocale("en").build();
        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);
        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .containsExactlyInAnyOrder("ADVANCE_NOTICE SENT", "REMINDER PENDING"));

        clock.advance(Duration.between(clock.instant(), window.minus(Duration.ofHours(24))).plusMinutes(1));

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin, "Reminder:").size() == 1);
        MimeMessage reminder = Mailbox.to(admin, "Reminder:").getFirst();
        assertThat(part(reminder, "text/plain")).contains("This is a reminder").contains("UTC");
        assertThat(Mailbox.to(admin)).hasSize(2);
    }

    @Test
    void anUrgentNoticeAndItsReminderSayWhyAndByWhenEverySubscriberIsUpgraded() {
        UUID campaign = UUID.randomUUID();
        String admin = Records.newAddress("admin");
        Instant window = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Instant deadline = window.plus(Duration.ofHours(30));
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED, window,
                List.of(admin)).setLocale("en").setUrgentReason("GDPR retention rules apply from Monday")
                .setDeadline(deadline).build();
        String deadlineUtc = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .format(deadline.atOffset(java.time.ZoneOffset.UTC)) + " UTC";

        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin).size() == 1);
        MimeMessage advance = Mailbox.to(admin).getFirst();
        Mailbox.dump(advance, "urgent-advance-notice");
        assertThat(Mailbox.subject(advance)).startsWith("Urgent: Invoice Manager 4.2.1: upgrade of Acme GmbH");
        assertThat(part(advance, "text/plain").replace("\r\n", "\n")).startsWith("""
                Hello,

                URGENT: this upgrade is urgent. The publisher's reason: GDPR retention rules apply from Monday
                That is why this notice comes at shorter notice than usual.
                """)
                .contains("Deadline: every subscriber will have been upgraded to 4.2.1 by ")
                .contains("(" + deadlineUtc + ")");
        // The reminder is a row queued now and sent a day before the window: its facts keep both fields.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.sql("""
                        select facts->>'urgentReason' || ' / ' || (facts->>'deadline') from email
                        where campaign_id = ?::uuid and kind = 'REMINDER' and status = 'PENDING'""")
                .param(campaign.toString()).query(String.class).single())
                .startsWith("GDPR retention rules apply from Monday / "));

        clock.advance(Duration.between(clock.instant(), window.minus(Duration.ofHours(24))).plusMinutes(1));

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin, "Urgent reminder:").size() == 1);
        assertThat(part(Mailbox.to(admin, "Urgent reminder:").getFirst(), "text/plain"))
                .contains("URGENT: this upgrade is urgent. The publisher's reason: GDPR retention rules apply from Monday")
                .contains("This is a reminder").contains("(" + deadlineUtc + ")");
    }

    @Test
    void aRescheduledNoticeShowsBothWindowsAndMovesTheReminder() {
        UUID campaign = UUID.randomUUID();
        String orgId = Records.newOrgId();
        String admin = Records.newAddress("admin");
        Instant first = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Instant second = first.plus(Duration.ofDays(4));
        SubscriberNotice scheduled = Records.notice(campaign, orgId, NoticeKind.SCHEDULED, first, List.of(admin))
                .setLocale("en").build();
        SubscriberNotice moved = Records.notice(campaign, orgId, NoticeKind.RESCHEDULED, second, List.of(admin))
                .setLocale("en").build();

        publish(Topics.SUBSCRIBER_NOTICES, orgId, scheduled);
        publish(Topics.SUBSCRIBER_NOTICES, orgId, moved);

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin, "New date").size() == 1);
        assertThat(part(Mailbox.to(admin, "New date").getFirst(), "text/plain"))
                .contains("has moved to a new window").contains("Before:");
        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).containsAll(
                List.of("ADVANCE_NOTICE SENT", "REMINDER CANCELED", "RESCHEDULED SENT", "REMINDER PENDING")));
    }

    @Test
    void aCanceledNoticeIsMailedAndItsReminderDropped() {
        UUID campaign = UUID.randomUUID();
        String orgId = Records.newOrgId();
        String admin = Records.newAddress("admin");
        Instant window = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        publish(Topics.SUBSCRIBER_NOTICES, orgId,
                Records.notice(campaign, orgId, NoticeKind.SCHEDULED, window, List.of(admin)).setLocale("en").build());
        publish(Topics.SUBSCRIBER_NOTICES, orgId,
                Records.notice(campaign, orgId, NoticeKind.CANCELED, window, List.of(admin)).setLocale("en").build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin, "Canceled:").size() == 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .containsExactlyInAnyOrder("ADVANCE_NOTICE SENT", "REMINDER CANCELED", "CANCELED SENT"));
    }

    @Test
    void mailsEachResultOnceAndNoneForACanceledCommand() {
        UUID campaign = UUID.randomUUID();
        String succeededOrg = Records.newOrgId();
        String failedOrg = Records.newOrgId();
        String canceledOrg = Records.newOrgId();
        String happy = Records.newAddress("happy");
        String unhappy = Records.newAddress("unhappy");
        String spared = Records.newAddress("spared");
        Instant window = Instant.parse("2030-05-10T20:00:00Z");
        publish(Topics.SUBSCRIBER_NOTICES, succeededOrg,
                Records.notice(campaign, succeededOrg, NoticeKind.SCHEDULED, window, List.of(happy)).build());
        publish(Topics.SUBSCRIBER_NOTICES, failedOrg, Records.notice(campaign, failedOrg, NoticeKind.SCHEDULED, window,
                List.of(unhappy)).setLocale("en-GB").setOrgName("Unlucky Ltd").build());
        publish(Topics.SUBSCRIBER_NOTICES, canceledOrg,
                Records.notice(campaign, canceledOrg, NoticeKind.SCHEDULED, window, List.of(spared)).build());
        await().atMost(PATIENCE).until(() -> Mailbox.to(happy).size() == 1 && Mailbox.to(unhappy).size() == 1
                && Mailbox.to(spared).size() == 1);

        UpgradeOutcome succeeded = Records.outcome(campaign, succeededOrg, 1, OutcomeStatus.SUCCEEDED,
                window.plusSeconds(300)).build();
        UpgradeOutcome failed = Records.outcome(campaign, failedOrg, 1, OutcomeStatus.FAILED, window.plusSeconds(300))
                .build();
        UpgradeOutcome canceled = Records.outcome(campaign, canceledOrg, 1, OutcomeStatus.CANCELED,
                window.plusSeconds(300)).build();
        publish(Topics.UPGRADE_OUTCOMES, succeededOrg, succeeded);
        publish(Topics.UPGRADE_OUTCOMES, succeededOrg, succeeded);
        publish(Topics.UPGRADE_OUTCOMES, failedOrg, failed);
        publish(Topics.UPGRADE_OUTCOMES, canceledOrg, canceled);
        // An outcome behind the duplicate on its partition: once it is recorded, the duplicate was handled.
        UpgradeOutcome marker = Records.outcome(UUID.randomUUID(), succeededOrg, 1, OutcomeStatus.CANCELED,
                window.plusSeconds(400)).build();
        publish(Topics.UPGRADE_OUTCOMES, succeededOrg, marker);

        await().atMost(PATIENCE).until(() -> Mailbox.to(happy, "Erledigt").size() == 1
                && Mailbox.to(unhappy, "failed").size() == 1);
        MimeMessage bad = Mailbox.to(unhappy, "failed").getFirst();
        assertThat(Mailbox.subject(bad)).isEqualTo("Action may be needed: Invoice Manager 4.2.1 upgrade of Unlucky Ltd failed");
        assertThat(part(bad, "text/plain")).contains("Apex tests failed in the subscriber org (ApexTestFailure)")
                .contains("Next steps:");
        assertThat(part(Mailbox.to(happy, "Erledigt").getFirst(), "text/html")).contains("aktualisiert");
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from org_outcome where command_id = ?::uuid")
                .param(marker.getCommandId().toString()).query(Integer.class).single() == 1);
        assertThat(Mailbox.to(happy)).hasSize(2);
        assertThat(Mailbox.to(spared)).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(emailStatuses(campaign))
                .filteredOn(s -> s.startsWith("RESULT")).containsExactlyInAnyOrder("RESULT SENT", "RESULT SENT"));
    }

    @Test
    void aResultWhoseOutcomeOvertookTheNoticeWaitsForTheContacts() {
        UUID campaign = UUID.randomUUID();
        String orgId = Records.newOrgId();
        String admin = Records.newAddress("admin");
        Instant window = Instant.parse("2030-05-10T20:00:00Z");

        publish(Topics.UPGRADE_OUTCOMES, orgId,
                Records.outcome(campaign, orgId, 0, OutcomeStatus.SUCCEEDED, window.plusSeconds(60)).build());
        await().atMost(PATIENCE).until(() -> emailStatuses(campaign).equals(List.of("RESULT PENDING")));
        publish(Topics.SUBSCRIBER_NOTICES, orgId,
                Records.notice(campaign, orgId, NoticeKind.SCHEDULED, window, List.of(admin)).build());

        await().atMost(PATIENCE).until(() -> Mailbox.to(admin, "Erledigt").size() == 1);
    }

    @Test
    void anAddressWithALineBreakIsNeverMailedAndAnOrgNameWithHtmlIsShownAsText() {
        UUID campaign = UUID.randomUUID();
        String good = Records.newAddress("good");
        String victim = Records.newAddress("victim");
        SubscriberNotice notice = Records.notice(campaign, Records.newOrgId(), NoticeKind.SCHEDULED,
                        Instant.parse("2030-05-10T20:00:00Z"), List.of(good, good + "\r\nBcc: " + victim))
                .setOrgName("<img src=x onerror=alert(1)> & \"Partners\"\r\nX-Evil: 1")
                .setLocale("en")
                .build();

        publish(Topics.SUBSCRIBER_NOTICES, notice.getOrgId(), notice);

        await().atMost(PATIENCE).until(() -> Mailbox.to(good).size() == 1);
        MimeMessage mail = Mailbox.to(good).getFirst();
        assertThat(Mailbox.recipients(mail)).containsExactly(good);
        assertThat(Mailbox.header(mail, "X-Evil")).isNull();
        assertThat(Mailbox.header(mail, "Bcc")).isNull();
        assertThat(Mailbox.subject(mail)).contains("<img src=x onerror=alert(1)> & \"Partners\" X-Evil: 1");
        assertThat(part(mail, "text/html")).doesNotContain("<img")
                .contains("&lt;img src").contains("&amp; &quot;Partners&quot;");
        assertThat(Mailbox.to(victim)).isEmpty();
    }
}
