package io.upshift.notifier.email.mustache;

import static io.upshift.notifier.testing.Notices.T0;
import static io.upshift.notifier.testing.Notices.WINDOW_END;
import static io.upshift.notifier.testing.Notices.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.NoticeFacts;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.testing.Notices;
import io.upshift.notifier.testing.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Notices of an urgent campaign, or one with a deadline (#25), rendered from the real templates. */
class UrgentNoticesRenderingTest {

    private static final String REASON = "Revenue roll-up shows wrong totals since 4.2.0 <fix>";
    /** Saturday 2026-05-09 10:00 UTC: noon in Berlin (summer time), 6 AM in New York. */
    private static final Instant DEADLINE = Instant.parse("2026-05-09T10:00:00Z");

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final SubscriberEmailComposer composer = new SubscriberEmailComposer(
            (campaign, org) -> Optional.ofNullable(subscriptions.get(campaign + "/" + org)),
            new MustacheTemplates(Settings.defaults()), Duration.ofMinutes(10));

    @Test
    void anUrgentAdvanceNoticeSaysWhyAtTheTopAndThatItsNoticeIsShorterThanUsual() throws IOException {
        ComposedEmail email = compose(plan(urgent(Notices.scheduled(), "en-US", "America/New_York")).getFirst());
        dump("urgent-advance-notice-en-US", email);

        assertThat(email.subject()).isEqualTo("Urgent: Invoice Manager 4.2.1: upgrade of Acme GmbH scheduled for May 8, 2026");
        assertThat(email.text()).startsWith("""
                Hello,

                URGENT: this upgrade is urgent. The publisher's reason: Revenue roll-up shows wrong totals since 4.2.0 <fix>
                That is why this notice comes at shorter notice than usual.

                Invoice Manager will be upgraded to version 4.2.1""");
        assertThat(email.html())
                .contains("<strong>Urgent: this upgrade is urgent.</strong> The publisher's reason: "
                        + "Revenue roll-up shows wrong totals since 4.2.0 &lt;fix&gt;")
                .doesNotContain("<fix>");
        assertThat(email.html().indexOf("Urgent: this upgrade is urgent"))
                .isLessThan(email.html().indexOf("will be upgraded to version"));
    }

    @Test
    void theDeadlineIsShownInTheOrgsZoneAndLanguageAsTheWindowIs() throws IOException {
        ComposedEmail english = compose(plan(urgent(Notices.scheduled(), "en-US", "America/New_York")).getFirst());
        ComposedEmail german = compose(plan(urgent(Notices.scheduled(), "de-DE", "Europe/Berlin")).getFirst());
        dump("urgent-advance-notice-de-DE", german);

        assertThat(english.text()).contains("Deadline: every subscriber will have been upgraded to 4.2.1 by "
                + "Saturday, May 9, 2026, 6:00\u202fAM Eastern Daylight Time (2026-05-09 10:00 UTC).");
        assertThat(english.html()).contains("<strong>Deadline:</strong> every subscriber will have been upgraded to "
                + "4.2.1 by Saturday, May 9, 2026, 6:00\u202fAM Eastern Daylight Time");
        assertThat(german.subject()).startsWith("Dringend: Invoice Manager 4.2.1: Upgrade von Acme GmbH");
        assertThat(german.text())
                .contains("DRINGEND: Dieses Upgrade ist dringend. Begründung des Anbieters: " + REASON)
                .contains("Deshalb erhalten Sie diese Ankündigung kurzfristiger als üblich.")
                .contains("Frist: Alle Abonnenten werden spätestens bis Samstag, 9. Mai 2026, 12:00 "
                        + "Mitteleuropäische Sommerzeit (2026-05-09 10:00 UTC) auf Version 4.2.1 aktualisiert sein.");
        assertThat(german.html()).contains("Begründung des Anbieters: Revenue roll-up shows wrong totals since 4.2.0 &lt;fix&gt;");
    }

    @Test
    void theReminderAndTheRescheduledNoticeOfAnUrgentCampaignSayItToo() {
        Notice scheduled = urgent(Notices.scheduled(), "en-US", "America/New_York");
        NewEmail reminder = plan(scheduled).get(1);
        assertThat(reminder.kind()).isEqualTo(EmailKind.REMINDER);
        // What the queue stores for a reminder sent a day or more later: the urgency and deadline are in it.
        assertThat((NoticeFacts) reminder.facts()).extracting(NoticeFacts::urgentReason, NoticeFacts::deadline)
                .containsExactly(REASON, DEADLINE);
        Notice moved = urgent(Notices.notice("00000000-0000-4000-8000-00000000a002", Notice.Kind.RESCHEDULED,
                WINDOW_START.plus(Duration.ofHours(2)), WINDOW_END.plus(Duration.ofHours(2))), "en-US",
                "America/New_York");
        NewEmail rescheduled = new NoticePolicy(Duration.ofHours(24))
                .plan(moved, Optional.of(Subscription.from(scheduled)), T0).emails().getFirst();
        subscriptions.put(moved.campaignId() + "/" + moved.orgId(), Subscription.from(moved));

        ComposedEmail reminderEmail = compose(reminder);
        ComposedEmail rescheduledEmail = compose(rescheduled);

        assertThat(reminderEmail.subject()).startsWith("Urgent reminder: Invoice Manager 4.2.1");
        assertThat(reminderEmail.text()).contains("URGENT: this upgrade is urgent. The publisher's reason: " + REASON)
                .contains("This is a reminder").contains("Deadline: every subscriber will have been upgraded");
        assertThat(rescheduledEmail.subject()).startsWith("Urgent: New date:");
        assertThat(rescheduledEmail.text()).contains("URGENT: this upgrade is urgent").contains("Before:")
                .contains("Deadline: every subscriber");
    }

    @Test
    void aDeadlineWithoutUrgencyShowsOnlyTheDeadline() {
        Notice n = Notices.scheduled();
        Notice withDeadline = new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(),
                n.windowEnd(), n.timeZone(), n.targetVersion(), n.currentVersion(), n.releaseNotesUrl(), n.recipients(),
                n.orgName(), n.packageName(), n.supportContact(), "en", "  ", DEADLINE);

        ComposedEmail email = compose(plan(withDeadline).getFirst());

        assertThat(email.subject()).startsWith("Invoice Manager 4.2.1: upgrade of Acme GmbH");
        assertThat(email.text()).doesNotContainIgnoringCase("urgent")
                .contains("by Saturday, May 9, 2026, 12:00\u202fPM Central European Summer Time (2026-05-09 10:00 UTC)");
    }

    @Test
    void aCancellationOfAnUrgentCampaignIsNotCalledUrgentNorPromisesTheDeadline() {
        Notice canceled = urgent(Notices.notice("00000000-0000-4000-8000-00000000a003", Notice.Kind.CANCELED,
                WINDOW_START, WINDOW_END), "en", "Europe/Berlin");

        ComposedEmail email = compose(plan(canceled).getFirst());

        assertThat(email.text()).contains("has been canceled").doesNotContainIgnoringCase("urgent")
                .doesNotContain("Deadline");
        assertThat(email.subject()).startsWith("Canceled:");
    }

    private List<NewEmail> plan(Notice notice) {
        subscriptions.put(notice.campaignId() + "/" + notice.orgId(), Subscription.from(notice));
        return new NoticePolicy(Duration.ofHours(24)).plan(notice, Optional.empty(), T0).emails();
    }

    private ComposedEmail compose(NewEmail email) {
        Composition composition = composer.compose(new QueuedEmail(UUID.randomUUID(), email.kind(), email.campaignId(),
                email.orgId(), email.dedupKey(), email.facts(), email.dueAt(), email.expiresAt(), 0, T0), T0);
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }

    private static Notice urgent(Notice n, String locale, String zone) {
        return new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(), n.windowEnd(),
                ZoneId.of(zone), n.targetVersion(), n.currentVersion(), n.releaseNotesUrl(), n.recipients(),
                n.orgName(), n.packageName(), n.supportContact(), locale, REASON, DEADLINE);
    }

    /** The rendering, for a person to read in target/rendered/. */
    static void dump(String name, ComposedEmail email) throws IOException {
        Path file = Path.of("target", "rendered", name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "Subject: " + email.subject() + "\n\n" + email.text() + "\n----- HTML -----\n"
                + email.html(), StandardCharsets.UTF_8);
    }
}
