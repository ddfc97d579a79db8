package io.upshift.notifier.email.mustache;

import static io.upshift.notifier.testing.Notices.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.common.links.SubscriberLinks;
import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.PersonalLinks;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.testing.Notices;
import io.upshift.notifier.testing.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The personal link in notices and reminders, the confirmations, and the five languages (#23). */
class PersonalLinkEmailsTest {

    private static final SubscriberLinks LINKS = new SubscriberLinks(
            Map.of("k1", "a-test-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8)), "k1", 3);

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final SubscriberEmailComposer composer = new SubscriberEmailComposer(
            (campaign, org) -> Optional.ofNullable(subscriptions.get(campaign + "/" + org)),
            new MustacheTemplates(Settings.defaults()), Duration.ofMinutes(10),
            (campaignId, orgId, noticeId, windowStart) -> Optional.of("https://portal.example/s/"
                    + LINKS.sign(UUID.fromString(campaignId), orgId, UUID.fromString(noticeId), windowStart)));

    @ParameterizedTest
    @CsvSource({
            "en-US, Does this window not suit you?, will be upgraded to version 4.2.1",
            "de-DE, Passt dieses Zeitfenster nicht?, wird in Ihrer Salesforce-Org",
            "fr-FR, Cette fenêtre ne vous convient pas ?, sera mis à niveau vers la version 4.2.1",
            "es-ES, ¿No le conviene esta ventana?, se actualizará a la versión 4.2.1",
            "ja-JP, この時間枠がご都合に合わない場合は, をバージョン 4.2.1 にアップグレードします"})
    void theAdvanceNoticeCarriesASignedLinkForThisOrgAndNoticeInTheOrgsLanguage(String locale, String invitation,
            String body) {
        Notice notice = withLocale(Notices.scheduled(), locale);
        List<NewEmail> emails = plan(notice);

        ComposedEmail advance = compose(emails.getFirst(), T0);

        String link = linkIn(advance.text());
        assertThat(advance.text()).contains(invitation).contains(body);
        assertThat(advance.html()).contains("href=\"" + link + "\"");
        SubscriberLinks.Check check = LINKS.check(link.substring(link.indexOf("/s/") + 3), T0,
                UUID.fromString(notice.campaignId()), notice.orgId());
        assertThat(check).isEqualTo(new SubscriberLinks.Valid(new SubscriberLinks.Link(
                UUID.fromString(notice.campaignId()), notice.orgId(), UUID.fromString(notice.noticeId()),
                notice.windowStart(), "k1")));
    }

    @Test
    void theReminderCarriesTheLinkTooAndACanceledNoticeNone() {
        Notice notice = Notices.scheduled();
        NewEmail reminder = plan(notice).stream().filter(e -> e.kind() == EmailKind.REMINDER).findFirst().orElseThrow();

        assertThat(compose(reminder, reminder.dueAt()).text()).contains("https://portal.example/s/v1.k1.");

        Notice canceled = withKind(notice, Notice.Kind.CANCELED, null, null);
        assertThat(compose(plan(canceled).getFirst(), T0).text()).doesNotContain("/s/v1.");
    }

    @Test
    void anEmailComposedAfterTheWindowStartedCarriesNoLink() {
        Notice notice = Notices.scheduled();

        ComposedEmail late = compose(plan(notice).getFirst(), notice.windowStart().plusSeconds(1));

        assertThat(late.text()).doesNotContain("/s/v1.");
    }

    @Test
    void aMoveOrASkipTheSubscriberAskedForIsConfirmedAsSuch() {
        Notice moved = withKind(Notices.scheduled(), Notice.Kind.RESCHEDULED, UUID.randomUUID().toString(), null);
        Notice skipped = withKind(Notices.scheduled(), Notice.Kind.CANCELED, UUID.randomUUID().toString(),
                "Quarter-end close");

        assertThat(compose(plan(moved).getFirst(), T0).text())
                .contains("Wie über Ihren persönlichen Link gewünscht, wurde das Upgrade");
        assertThat(compose(plan(skipped).getFirst(), T0).text())
                .contains("lässt Ihre Org dieses Upgrade aus").contains("Ihre Begründung: Quarter-end close");
    }

    private List<NewEmail> plan(Notice notice) {
        subscriptions.put(notice.campaignId() + "/" + notice.orgId(), Subscription.from(notice));
        return new NoticePolicy(Duration.ofHours(24)).plan(notice, Optional.empty(), T0).emails();
    }

    private ComposedEmail compose(NewEmail email, Instant now) {
        Composition composition = composer.compose(new QueuedEmail(UUID.randomUUID(), email.kind(), email.campaignId(),
                email.orgId(), email.dedupKey(), email.facts(), email.dueAt(), email.expiresAt(), 0, T0), now);
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }

    private static String linkIn(String text) {
        int at = text.indexOf("https://portal.example/s/");
        assertThat(at).as("a personal link in:\n" + text).isNotNegative();
        int end = text.indexOf('\n', at);
        return text.substring(at, end < 0 ? text.length() : end).strip();
    }

    private static Notice withLocale(Notice n, String locale) {
        return new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(), n.windowEnd(),
                ZoneId.of("Europe/Paris"), n.targetVersion(), n.currentVersion(), n.releaseNotesUrl(),
                List.copyOf(n.recipients()), n.orgName(), n.packageName(), n.supportContact(), locale);
    }

    private static Notice withKind(Notice n, Notice.Kind kind, String requestId, String reason) {
        return new Notice(UUID.randomUUID().toString(), n.campaignId(), n.orgId(), kind, n.windowStart(), n.windowEnd(),
                n.timeZone(), n.targetVersion(), n.currentVersion(), n.releaseNotesUrl(), List.copyOf(n.recipients()),
                n.orgName(), n.packageName(), n.supportContact(), n.locale(), null, null, null, requestId, reason);
    }
}
