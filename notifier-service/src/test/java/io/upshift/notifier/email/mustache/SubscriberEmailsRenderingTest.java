package io.upshift.notifier.email.mustache;

import static io.upshift.notifier.testing.Notices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ResultFacts;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.testing.Notices;
import io.upshift.notifier.testing.Settings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The subscriber emails as they are rendered from the real templates. */
class SubscriberEmailsRenderingTest {

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final MustacheTemplates templates = new MustacheTemplates(Settings.defaults());
    private final SubscriberEmailComposer composer = new SubscriberEmailComposer(
            (campaign, org) -> Optional.ofNullable(subscriptions.get(campaign + "/" + org)), templates,
            Duration.ofMinutes(10));

    @Test
    void theAdvanceNoticeShowsTheWindowInTheOrgsZoneAndInUtcInItsLanguage() {
        ComposedEmail email = advanceNoticeFor(Notices.scheduled());

        assertThat(email.recipients()).containsExactly("admin@acme.example", "ops@acme.example");
        assertThat(email.subject()).isEqualTo("Invoice Manager 4.2.1: Upgrade von Acme GmbH geplant für 08.05.2026");
        assertThat(email.text())
                .contains("Freitag, 8. Mai 2026, 22:00 – Samstag, 9. Mai 2026, 02:00")
                .contains("Mitteleuropäische Sommerzeit (Europe/Berlin)")
                .contains("2026-05-08 20:00 – 2026-05-09 00:00 UTC")
                .contains("4.1.3 -> 4.2.1")
                .contains("https://example.com/release-notes/4.2.1")
                .contains("Fragen: support@isv.example");
        assertThat(email.html())
                .contains("<html lang=\"de\">")
                .contains("Freitag, 8. Mai 2026, 22:00")
                .contains("<a href=\"https://example.com/release-notes/4.2.1\">");
    }

    @Test
    void anOrgWithoutTemplatesInItsLanguageGetsEnglish() {
        Notice brazilian = withOrg(Notices.scheduled(), "Acme Ltda", "pt-BR", "America/New_York");

        ComposedEmail email = advanceNoticeFor(brazilian);

        assertThat(email.subject()).startsWith("Invoice Manager 4.2.1: upgrade of Acme Ltda scheduled for");
        assertThat(email.text()).contains("will be upgraded to version 4.2.1")
                .contains("Friday, May 8, 2026, 4:00\u202fPM – 8:00\u202fPM")
                .contains("Eastern Daylight Time (America/New_York)")
                .contains("2026-05-08 20:00 – 2026-05-09 00:00 UTC");
    }

    @Test
    void anOrgNameWithMarkupIsEscapedInHtmlAndCannotBreakTheSubject() {
        Notice hostile = withOrg(Notices.scheduled(), "<script>alert('x')</script>\r\nBcc: all@victim.example", "en",
                "Europe/Berlin");

        ComposedEmail email = advanceNoticeFor(hostile);

        assertThat(email.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(email.subject()).doesNotContain("\r").doesNotContain("\n")
                .contains("<script>alert('x')</script> Bcc: all@victim.example");
        assertThat(email.text()).contains("<script>alert('x')</script>");
    }

    @Test
    void aReleaseNotesLinkThatIsNotAWebAddressIsLeftOut() {
        Notice n = Notices.scheduled();
        Notice sneaky = new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(), n.windowEnd(),
                n.timeZone(), n.targetVersion(), n.currentVersion(), "javascript:alert(1)", n.recipients(), n.orgName(),
                n.packageName(), n.supportContact(), "en");

        ComposedEmail email = advanceNoticeFor(sneaky);

        assertThat(email.html()).doesNotContain("javascript:").doesNotContain("release notes</a>");
    }

    @Test
    void aFailedResultNamesTheErrorAndTheNextStepsButNeverAStackTrace() {
        subscribe(withOrg(Notices.scheduled(), "Acme Inc", "en-US", "America/Los_Angeles"));
        ResultFacts failed = new ResultFacts(UUID.randomUUID().toString(), 2, "FAILED", "PERMANENT", "ApexTestFailure",
                "java.lang.IllegalStateException: boom\n\tat io.upshift.Foo.bar(Foo.java:12)", "4.1.3", "4.1.3",
                Notices.WINDOW_START.plusSeconds(600));

        ComposedEmail email = result(failed);

        assertThat(email.subject()).isEqualTo("Action may be needed: Invoice Manager 4.2.1 upgrade of Acme Inc failed");
        assertThat(email.text()).contains("did not succeed")
                .contains("The upgrade could not be completed. (ApexTestFailure)")
                .contains("Some Apex tests in your org failed")
                .doesNotContain("IllegalStateException").doesNotContain("Foo.java");
        assertThat(email.html()).doesNotContain("IllegalStateException");
    }

    @Test
    void aSucceededResultInGermanSaysSoInTheOrgsZone() {
        subscribe(Notices.scheduled());
        ResultFacts succeeded = new ResultFacts(UUID.randomUUID().toString(), 1, "SUCCEEDED", null, null, null, "4.1.3",
                "4.2.1", Notices.WINDOW_START.plusSeconds(600));

        ComposedEmail email = result(succeeded);

        assertThat(email.subject()).isEqualTo("Erledigt: Acme GmbH nutzt jetzt Invoice Manager 4.2.1");
        assertThat(email.text()).contains("auf Version 4.2.1 aktualisiert").contains("22:10")
                .contains("2026-05-08 20:10 UTC").doesNotContain("Nächste Schritte");
    }

    @Test
    void aResultWaitsForTheOrgsNoticeAndIsGivenUpWhenItNeverComes() {
        ResultFacts facts = new ResultFacts(UUID.randomUUID().toString(), 1, "SUCCEEDED", null, null, null, "4.1.3",
                "4.2.1", T0);
        QueuedEmail queued = new QueuedEmail(UUID.randomUUID(), EmailKind.RESULT, Notices.CAMPAIGN, "00D000000000009EAA",
                facts.commandId(), facts, T0, null, 0, T0);

        assertThat(composer.compose(queued, T0.plusSeconds(30))).isInstanceOf(Composition.NotYet.class);
        assertThat(composer.compose(queued, T0.plus(Duration.ofMinutes(11)))).isInstanceOf(Composition.Abandon.class);
    }

    @Test
    void aSubjectConfiguredForAKindReplacesTheBuiltInOneInEveryLanguage() {
        MustacheTemplates configured = new MustacheTemplates(Settings.with(Map.of(
                "subjects.advance-notice", "Heads-up for {{orgName}}: {{packageName}} {{targetVersion}} on {{windowDate}}")));
        subscribe(Notices.scheduled());
        SubscriberEmailComposer custom = new SubscriberEmailComposer(
                (campaign, org) -> Optional.ofNullable(subscriptions.get(campaign + "/" + org)), configured,
                Duration.ofMinutes(10));
        NewEmail advance = new NoticePolicy(Duration.ofHours(24)).plan(Notices.scheduled(), Optional.empty(), T0)
                .emails().getFirst();

        ComposedEmail email = ready(custom.compose(queued(advance), T0));

        assertThat(email.subject()).isEqualTo("Heads-up for Acme GmbH: Invoice Manager 4.2.1 on 08.05.2026");
        assertThat(email.text()).contains("Guten Tag");
    }

    @Test
    void refusesASubjectConfiguredForAKindThatDoesNotExist() {
        assertThatThrownBy(() -> new MustacheTemplates(Settings.with(Map.of("subjects.newsletter", "Hi"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upshift.notifier.subjects.newsletter: unknown email kind");
    }

    private ComposedEmail advanceNoticeFor(Notice notice) {
        subscribe(notice);
        NewEmail advance = new NoticePolicy(Duration.ofHours(24)).plan(notice, Optional.empty(), T0).emails().getFirst();
        return ready(composer.compose(queued(advance), T0));
    }

    private ComposedEmail result(ResultFacts facts) {
        NewEmail email = new NewEmail(EmailKind.RESULT, Notices.CAMPAIGN, Notices.ORG, facts.commandId(), facts, T0, null);
        return ready(composer.compose(queued(email), T0));
    }

    private void subscribe(Notice notice) {
        subscriptions.put(notice.campaignId() + "/" + notice.orgId(), Subscription.from(notice));
    }

    private static QueuedEmail queued(NewEmail email) {
        return new QueuedEmail(UUID.randomUUID(), email.kind(), email.campaignId(), email.orgId(), email.dedupKey(),
                email.facts(), email.dueAt(), email.expiresAt(), 0, T0);
    }

    private static ComposedEmail ready(Composition composition) {
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }

    private static Notice withOrg(Notice n, String orgName, String locale, String zone) {
        return new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(), n.windowEnd(),
                ZoneId.of(zone), n.targetVersion(), n.currentVersion(), n.releaseNotesUrl(), List.copyOf(n.recipients()),
                orgName, n.packageName(), n.supportContact(), locale);
    }
}
