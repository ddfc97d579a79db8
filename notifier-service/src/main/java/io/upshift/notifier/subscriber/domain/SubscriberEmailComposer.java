package io.upshift.notifier.subscriber.domain;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.NoticeFacts;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.ResultFacts;
import io.upshift.notifier.email.domain.TemplateRenderer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Composes the emails to an org's contacts — advance notice, reminder, rescheduled, canceled and
 * result — from the queued facts and the org's subscription, in the org's language and time zone.
 * A result whose org has no subscription yet (its outcome overtook its notice) waits for it up to
 * {@code contactWait}, then is given up.
 */
public final class SubscriberEmailComposer implements EmailComposer {

    private static final Set<EmailKind> KINDS = Set.of(EmailKind.ADVANCE_NOTICE, EmailKind.REMINDER,
            EmailKind.RESCHEDULED, EmailKind.CANCELED, EmailKind.RESULT);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(2);

    private final SubscriptionLookup subscriptions;
    private final TemplateRenderer templates;
    private final Duration contactWait;
    private final PersonalLinks links;

    public SubscriberEmailComposer(SubscriptionLookup subscriptions, TemplateRenderer templates, Duration contactWait) {
        this(subscriptions, templates, contactWait, PersonalLinks.NONE);
    }

    public SubscriberEmailComposer(SubscriptionLookup subscriptions, TemplateRenderer templates, Duration contactWait,
            PersonalLinks links) {
        this.subscriptions = subscriptions;
        this.templates = templates;
        this.contactWait = contactWait;
        this.links = links;
    }

    @Override
    public Set<EmailKind> kinds() {
        return KINDS;
    }

    @Override
    public Composition compose(QueuedEmail email, Instant now) {
        Optional<Subscription> found = subscriptions.find(email.campaignId(), email.orgId());
        if (found.isEmpty()) {
            if (now.isBefore(email.createdAt().plus(contactWait))) {
                return new Composition.NotYet(now.plus(LOOK_AGAIN), "no contacts known yet for org " + email.orgId());
            }
            return new Composition.Abandon("no contacts known for org " + email.orgId() + " after " + contactWait);
        }
        Subscription subscription = found.get();
        Locale locale = templates.resolve(subscription.locale());
        Map<String, Object> model = common(subscription, locale);
        if (email.kind() == EmailKind.RESULT) {
            result(model, email.facts(ResultFacts.class), subscription.timeZone(), locale);
        } else {
            NoticeFacts facts = email.facts(NoticeFacts.class);
            notice(model, email.kind(), facts, locale);
            // the link lets the subscriber answer a notice of a window to come; it expires when the window starts
            boolean answerable = email.kind() != EmailKind.CANCELED && facts.noticeId() != null
                    && now.isBefore(facts.windowStart());
            model.put("personalLink", answerable
                    ? links.link(email.campaignId(), email.orgId(), facts.noticeId(), facts.windowStart()).orElse(null)
                    : null);
        }
        TemplateRenderer.Rendered rendered = templates.render(email.kind(), locale, model);
        return new Composition.Ready(new ComposedEmail(subscription.recipients(), rendered.subject(), rendered.text(),
                rendered.html(), List.of()));
    }

    private Map<String, Object> common(Subscription subscription, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        model.put("orgId", subscription.orgId());
        model.put("orgName", blankToNull(subscription.orgName()) == null ? subscription.orgId() : subscription.orgName());
        model.put("packageName", blankToNull(subscription.packageName()) == null
                ? templates.message(locale, "package.unnamed").orElse("the package") : subscription.packageName());
        model.put("targetVersion", subscription.targetVersion());
        model.put("supportContact", blankToNull(subscription.supportContact()));
        model.put("timeZone", subscription.timeZone().getId());
        model.put("releaseNotesUrl", safeLink(subscription.releaseNotesUrl()));
        return model;
    }

    private static void notice(Map<String, Object> model, EmailKind kind, NoticeFacts facts, Locale locale) {
        ZoneId zone = ZoneId.of(facts.timeZone());
        WindowText window = WindowText.of(facts.windowStart(), facts.windowEnd(), zone, locale);
        model.put("targetVersion", facts.targetVersion());
        model.put("currentVersion", blankToNull(facts.currentVersion()));
        model.put("windowLocal", window.local());
        model.put("windowZone", window.zone());
        model.put("windowUtc", window.utc());
        model.put("windowDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
                .format(facts.windowStart().atZone(zone)));
        if (facts.previousWindowStart() != null && facts.previousWindowEnd() != null) {
            WindowText previous = WindowText.of(facts.previousWindowStart(), facts.previousWindowEnd(), zone, locale);
            model.put("previousWindow", Map.of("local", previous.local(), "utc", previous.utc()));
        } else {
            model.put("previousWindow", null);
        }
        model.put("advanceNotice", kind == EmailKind.ADVANCE_NOTICE);
        model.put("reminder", kind == EmailKind.REMINDER);
        model.put("rescheduled", kind == EmailKind.RESCHEDULED);
        model.put("canceled", kind == EmailKind.CANCELED);
        model.put("upcoming", kind != EmailKind.CANCELED);
        // a confirmation of what the subscriber asked for through their link
        boolean asked = facts.subscriberRequestId() != null;
        model.put("movedAsAsked", asked && kind == EmailKind.RESCHEDULED);
        model.put("skippedAsAsked", asked && kind == EmailKind.CANCELED
                ? Map.of("reason", facts.subscriberReason() == null ? "" : facts.subscriberReason()) : null);
        // A cancellation announces nothing to come: neither the urgency nor the deadline concern that org any more.
        boolean upcoming = kind != EmailKind.CANCELED;
        model.put("urgent", upcoming && facts.urgentReason() != null ? Map.of("reason", facts.urgentReason()) : null);
        model.put("deadline", upcoming && facts.deadline() != null
                ? Map.of("local", WindowText.fullMoment(facts.deadline(), zone, locale),
                        "utc", WindowText.utc(facts.deadline()))
                : null);
    }

    private void result(Map<String, Object> model, ResultFacts facts, ZoneId zone, Locale locale) {
        String status = facts.status();
        model.put("succeeded", "SUCCEEDED".equals(status));
        model.put("failed", "FAILED".equals(status));
        model.put("timedOut", "TIMED_OUT".equals(status));
        model.put("skipped", "SKIPPED".equals(status));
        model.put("versionBefore", blankToNull(facts.versionBefore()));
        model.put("versionAfter", blankToNull(facts.versionAfter()));
        model.put("finishedLocal", WindowText.moment(facts.finishedAt(), zone, locale));
        model.put("finishedUtc", WindowText.utc(facts.finishedAt()));
        model.put("errorCode", blankToNull(facts.errorCode()));
        model.put("errorTitle", ErrorTitles.forSubscriber(facts.errorMessage()));
        String nextSteps = null;
        if (!"SUCCEEDED".equals(status) && !"SKIPPED".equals(status)) {
            nextSteps = Optional.ofNullable(facts.errorCode())
                    .flatMap(code -> templates.message(locale, "next-steps." + code))
                    .or(() -> "TRANSIENT".equals(facts.errorCategory())
                            ? templates.message(locale, "next-steps.transient") : Optional.empty())
                    .or(() -> templates.message(locale, "TIMED_OUT".equals(status)
                            ? "next-steps.timed-out" : "next-steps.default"))
                    .orElse(null);
        }
        model.put("nextSteps", nextSteps);
    }

    /** A release-notes link is shown only when it is a plain web address: no javascript: or data: links. */
    static String safeLink(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (java.net.URISyntaxException e) {
            return null;
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
