package io.upshift.notifier.email.mustache;

import static io.upshift.notifier.testing.Notices.T0;
import static io.upshift.notifier.testing.Notices.WINDOW_END;
import static io.upshift.notifier.testing.Notices.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ReportFacts;
import io.upshift.notifier.report.domain.CampaignInfo;
import io.upshift.notifier.report.domain.FailedOrg;
import io.upshift.notifier.report.domain.ReportEmailComposer;
import io.upshift.notifier.report.domain.ReportFigures;
import io.upshift.notifier.report.domain.ReportQueries;
import io.upshift.notifier.report.domain.ReportSettings;
import io.upshift.notifier.subscriber.domain.Notice;
import io.upshift.notifier.subscriber.domain.NoticePolicy;
import io.upshift.notifier.subscriber.domain.SubscriberEmailComposer;
import io.upshift.notifier.subscriber.domain.Subscription;
import io.upshift.notifier.testing.Notices;
import io.upshift.notifier.testing.Settings;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Emails whose events carry none of the deadline fields (no urgency, no deadline, no risk) render
 * byte for byte as they did before deadlines existed. The expected texts in
 * {@code src/test/resources/golden/} were written from the templates of main before #25 changed
 * them; a missing one is written to {@code target/golden/} for a person to look at and copy.
 */
class UnchangedEmailsTest {

    private static final Instant REPORT_AT = Instant.parse("2026-05-08T20:30:00Z");
    private static final String REPORT_CAMPAIGN = "5b8f7c1e-0000-4000-8000-000000000003";

    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final MustacheTemplates templates = new MustacheTemplates(Settings.defaults());
    private final SubscriberEmailComposer subscriberEmails = new SubscriberEmailComposer(
            (campaign, org) -> Optional.ofNullable(subscriptions.get(campaign + "/" + org)), templates,
            Duration.ofMinutes(10));
    private final ReportEmailComposer reports = new ReportEmailComposer(new FixedQueries(), templates,
            new ReportSettings(List.of("release-team@isv.example"), "en", Duration.ofSeconds(30), 5, 1000));

    static Stream<Arguments> notices() {
        return Stream.of("de-DE", "en-US").flatMap(locale -> Stream.of(EmailKind.ADVANCE_NOTICE, EmailKind.REMINDER,
                EmailKind.RESCHEDULED, EmailKind.CANCELED).map(kind -> Arguments.of(kind, locale)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("notices")
    void aNoticeWithoutUrgencyOrDeadlineRendersAsBefore(EmailKind kind, String locale) throws IOException {
        Notice scheduled = inLocale(Notices.scheduled(), locale);
        NewEmail email = switch (kind) {
            case ADVANCE_NOTICE -> plan(scheduled, null).getFirst();
            case REMINDER -> plan(scheduled, null).get(1);
            case RESCHEDULED -> plan(inLocale(Notices.notice("00000000-0000-4000-8000-00000000a002",
                    Notice.Kind.RESCHEDULED, WINDOW_START.plus(Duration.ofDays(7)), WINDOW_END.plus(Duration.ofDays(7))),
                    locale), Subscription.from(scheduled)).getFirst();
            default -> plan(inLocale(Notices.notice("00000000-0000-4000-8000-00000000a003", Notice.Kind.CANCELED,
                    WINDOW_START, WINDOW_END), locale), Subscription.from(scheduled)).getFirst();
        };
        assertThat(email.kind()).isEqualTo(kind);

        ComposedEmail composed = ready(subscriberEmails.compose(queued(email), T0));

        assertGolden(kind.key() + "-" + locale, composed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reportEvents")
    void aReportWithoutDeadlineOrRiskRendersAsBefore(EmailKind kind, String eventType, Integer wave) throws IOException {
        ReportFacts facts = new ReportFacts(UUID.randomUUID().toString(), eventType, wave,
                "failure rate 10.0 % above 3 %", new ReportFacts.Counts(50, 5, 5, 36, 3, 1, 0, 0), REPORT_AT);
        QueuedEmail email = new QueuedEmail(UUID.randomUUID(), kind, REPORT_CAMPAIGN, "", "key", facts, REPORT_AT,
                null, 0, REPORT_AT);

        ComposedEmail composed = ready(reports.compose(email, REPORT_AT));

        assertGolden(kind.key() + "-" + eventType.toLowerCase(java.util.Locale.ROOT), composed);
    }

    static Stream<Arguments> reportEvents() {
        return Stream.of(Arguments.of(EmailKind.WAVE_PASSED_REPORT, "WAVE_PASSED", 2),
                Arguments.of(EmailKind.HALTED_REPORT, "WAVE_HALTED", 1),
                Arguments.of(EmailKind.CAMPAIGN_ENDED_REPORT, "COMPLETED", null),
                Arguments.of(EmailKind.CAMPAIGN_ENDED_REPORT, "CANCELED", null));
    }

    private List<NewEmail> plan(Notice notice, Subscription previous) {
        subscriptions.put(notice.campaignId() + "/" + notice.orgId(), Subscription.from(notice));
        return new NoticePolicy(Duration.ofHours(24)).plan(notice, Optional.ofNullable(previous), T0).emails();
    }

    private static void assertGolden(String name, ComposedEmail email) throws IOException {
        String actual = "Subject: " + email.subject() + "\n\n" + email.text() + "\n----- HTML -----\n" + email.html();
        String resource = "/golden/" + name + ".txt";
        try (InputStream in = UnchangedEmailsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                Path written = Path.of("target", "golden", name + ".txt");
                Files.createDirectories(written.getParent());
                Files.writeString(written, actual, StandardCharsets.UTF_8);
                fail("no " + resource + "; wrote " + written.toAbsolutePath() + " to look at");
            }
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Notice inLocale(Notice n, String locale) {
        return new Notice(n.noticeId(), n.campaignId(), n.orgId(), n.kind(), n.windowStart(), n.windowEnd(),
                locale.startsWith("en") ? ZoneId.of("America/New_York") : n.timeZone(), n.targetVersion(),
                n.currentVersion(), n.releaseNotesUrl(), n.recipients(), n.orgName(), n.packageName(),
                n.supportContact(), locale);
    }

    private static QueuedEmail queued(NewEmail email) {
        return new QueuedEmail(UUID.randomUUID(), email.kind(), email.campaignId(), email.orgId(), email.dedupKey(),
                email.facts(), email.dueAt(), email.expiresAt(), 0, T0);
    }

    private static ComposedEmail ready(Composition composition) {
        assertThat(composition).isInstanceOf(Composition.Ready.class);
        return ((Composition.Ready) composition).email();
    }

    private static final class FixedQueries implements ReportQueries {
        @Override
        public Optional<CampaignInfo> campaign(String campaignId) {
            return Optional.of(new CampaignInfo("Spring release", "Invoice Manager", "4.2.1"));
        }

        @Override
        public int finishedOrgs(String campaignId, Integer wave) {
            return 40;
        }

        @Override
        public ReportFigures figures(String campaignId, Integer wave, int worstPods) {
            return new ReportFigures(Map.of("SUCCEEDED", 36, "FAILED", 3, "TIMED_OUT", 1),
                    List.of(new ReportFigures.ErrorCount("ApexTestFailure", 3)),
                    List.of(new ReportFigures.PodFigures("NA135", 10, 3)));
        }

        @Override
        public List<FailedOrg> failedOrgs(String campaignId, Integer wave, int limit) {
            return List.of(new FailedOrg("00D000000000001EAA", "Acme", "NA135", 1, "FAILED", "ApexTestFailure",
                    "Apex tests failed", 1, REPORT_AT));
        }
    }
}
