package io.upshift.notifier.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The notifier's settings, validated at start-up: everything under {@code upshift.notifier}. Each feature
 * reads its own part (and wires its own beans from it: {@code email/config}, {@code subscriber/config},
 * {@code report/config}); the record stays one because other modules bind it as a whole (the benchmark reads
 * the default {@code delivery().senders()}). It imports no feature, so every feature can depend on it.
 *
 * @param from the sender address of every email
 * @param fromName the sender's display name
 * @param replyTo where replies go, if not to {@code from}
 * @param publisherRecipients the ISV's release team, who receive wave and campaign reports (empty: no reports)
 * @param reminderBefore how long before an org's window the reminder goes out
 * @param maxAttempts SMTP tries per email (the relay answered with a temporary error) before it is marked FAILED
 * @param contactWait how long a result email waits for the org's notice (its recipients) before it is given up
 * @param subjects subject templates by kind ({@code advance-notice}, {@code result} …) replacing the built-in ones;
 *        the keys are checked against the kinds of email by the templates ({@code email/mustache})
 * @param delivery the sender loops
 * @param reports the publisher's reports
 * @param listeners the Kafka consumers
 * @param approverRecipients who is emailed when a wave waits for approval (empty: nobody; one list for every package:
 *        the notifier has no per-package recipients)
 * @param consoleUrl the console's base URL; an approval email links to {@code <consoleUrl>/campaigns/<id>}. Without
 *        it the email gives the API call that approves instead
 * @param webhooks HTTP endpoints told about campaign events (see README "Webhooks and approval emails")
 * @param webhookDelivery how webhooks are delivered and retried
 */
@Validated
@ConfigurationProperties("upshift.notifier")
public record NotifierProperties(
        @DefaultValue("upgrades@upshift.local") @NotBlank @Email String from,
        @DefaultValue("Upshift") @NotBlank @Pattern(regexp = "[^\\r\\n\\u0000-\\u001f]{1,100}",
                message = "must be 1 to 100 characters without line breaks") String fromName,
        @Email String replyTo,
        @DefaultValue("release-team@upshift.local") List<@NotBlank @Email String> publisherRecipients,
        @DefaultValue("24h") @NotNull Duration reminderBefore,
        @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("10m") @NotNull Duration contactWait,
        Map<String, @NotBlank String> subjects,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Reports reports,
        @DefaultValue @Valid Listeners listeners,
        List<@NotBlank @Email String> approverRecipients,
        String consoleUrl,
        List<Webhook> webhooks,
        @DefaultValue @Valid WebhookDelivery webhookDelivery) {

    /** The campaign event types a webhook can be called for (its {@code events}; all of them by default). */
    public static final List<String> WEBHOOK_EVENTS = List.of("SCHEDULED", "WAVE_AWAITING_APPROVAL", "WAVE_PASSED",
            "HALTED", "COMPLETED", "CANCELED", "AT_RISK", "BACK_ON_TRACK");

    public NotifierProperties {
        subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
        approverRecipients = approverRecipients == null ? List.of() : List.copyOf(approverRecipients);
        consoleUrl = consoleUrl == null || consoleUrl.isBlank() ? null : checkedConsoleUrl(consoleUrl.strip());
        webhooks = checkedWebhooks(webhooks);
        requirePositive("reminder-before", reminderBefore);
        requirePositive("contact-wait", contactWait);
    }

    /**
     * @param enabled whether this instance sends at all (a replica can be intake-only)
     * @param relay name of the SMTP relay, the key its rate limit is shared under by all replicas
     * @param ratePerSecond the relay's limit in messages per second, over all replicas and loops; 0 for none
     * @param batchSize emails one sender loop claims and sends over one SMTP connection at a time
     * @param senders sender loops in this instance, each on its own thread with its own SMTP connection
     * @param pollInterval how often an idle sender looks for due emails
     * @param initialBackoff wait after the first temporary failure; doubled after each further one
     * @param maxBackoff the longest wait between tries of one email
     * @param maxRelayPause the longest pause while the relay cannot be reached
     * @param lease how long a claimed email is reserved for its sender; after that another may take it
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("default") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String relay,
            @DefaultValue("50") @PositiveOrZero double ratePerSecond,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("4") @Min(1) @Max(32) int senders,
            @DefaultValue("500ms") @NotNull Duration pollInterval,
            @DefaultValue("5s") @NotNull Duration initialBackoff,
            @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("30s") @NotNull Duration maxRelayPause,
            @DefaultValue("2m") @NotNull Duration lease) {

        public Delivery {
            requirePositive("delivery.poll-interval", pollInterval);
            requirePositive("delivery.initial-backoff", initialBackoff);
            requirePositive("delivery.max-relay-pause", maxRelayPause);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("upshift.notifier.delivery.max-backoff must be at least initial-backoff");
            }
            if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("upshift.notifier.delivery.lease must be at least 10s: "
                        + "a shorter lease lets another replica send an email that is still being sent");
            }
        }

        /**
         * Emails per round of one loop: the loops of an instance together claim at most a second's worth
         * of the rate (each its share), so the rate limit never makes a loop wait long holding a lease.
         */
        public int effectiveBatchSize() {
            return ratePerSecond <= 0 ? batchSize
                    : (int) Math.max(1, Math.min(batchSize, Math.floor(ratePerSecond / senders)));
        }
    }

    /**
     * @param wavePassed whether a passed wave is reported (halts and campaign ends always are)
     * @param locale language of the reports (BCP 47)
     * @param settleTimeout how long a report waits for the outcomes the planner counted to reach the notifier
     * @param worstPods how many pods a report lists
     * @param csvLimit at most this many failed orgs in the attached CSV
     */
    public record Reports(
            @DefaultValue("true") boolean wavePassed,
            @DefaultValue("en") @NotBlank String locale,
            @DefaultValue("30s") @NotNull Duration settleTimeout,
            @DefaultValue("5") @Min(1) @Max(50) int worstPods,
            @DefaultValue("50000") @Min(1) int csvLimit) {
    }

    /**
     * @param concurrency consumers per topic in this instance
     * @param dbRetryMaxInterval the longest pause between tries of a record while the database is unavailable
     */
    public record Listeners(
            @DefaultValue("2") @Min(1) @Max(32) int concurrency,
            @DefaultValue("10s") @NotNull Duration dbRetryMaxInterval) {
    }

    /**
     * One webhook. Checked at start-up, each problem named by its property ({@code upshift.notifier.webhooks[0].url}).
     *
     * @param name part of the idempotency key of its deliveries ({@code <eventId>/<name>}); the list index by default.
     *        Keep it when reordering the list, or a delivery in flight when the notifier restarts is sent again under
     *        a new key
     * @param url where the JSON is POSTed (http or https)
     * @param secret the HMAC-SHA256 key of the {@code Upshift-Signature} header; from the environment or a secrets file
     * @param events the event types it is called for; empty: all of {@link #WEBHOOK_EVENTS}
     * @param packageNames only campaigns of these packages (as the campaign events name them); empty: every package
     */
    public record Webhook(String name, String url, String secret, List<String> events, List<String> packageNames) {
    }

    /**
     * @param enabled whether this instance delivers (a replica can be intake-only; deliveries are recorded anyway)
     * @param pollInterval how often an idle sender looks for due deliveries
     * @param timeout how long one call may take, connecting included; longer counts as a failed try
     * @param initialBackoff wait after the first failed try; doubled after each further one
     * @param maxBackoff the longest wait between two tries
     * @param maxAttempts tries before a delivery is given up (recorded as GAVE_UP)
     * @param lease how long a claimed delivery is reserved for its sender; after that another may take it
     */
    public record WebhookDelivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("10s") @NotNull Duration timeout,
            @DefaultValue("10s") @NotNull Duration initialBackoff,
            @DefaultValue("1h") @NotNull Duration maxBackoff,
            @DefaultValue("12") @Min(1) @Max(100) int maxAttempts,
            @DefaultValue("2m") @NotNull Duration lease) {

        public WebhookDelivery {
            requirePositive("webhook-delivery.poll-interval", pollInterval);
            requirePositive("webhook-delivery.timeout", timeout);
            requirePositive("webhook-delivery.initial-backoff", initialBackoff);
            if (maxBackoff != null && initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "upshift.notifier.webhook-delivery.max-backoff must be at least initial-backoff");
            }
            if (lease != null && timeout != null && lease.compareTo(timeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("upshift.notifier.webhook-delivery.lease must be at least twice "
                        + "the timeout: a shorter lease lets another sender call a webhook that is still being called");
            }
        }
    }

    private static String checkedConsoleUrl(String url) {
        URI uri = httpUri("upshift.notifier.console-url", url);
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static List<Webhook> checkedWebhooks(List<Webhook> webhooks) {
        if (webhooks == null) {
            return List.of();
        }
        List<Webhook> checked = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook hook = webhooks.get(i);
            String property = "upshift.notifier.webhooks[" + i + "]";
            if (hook == null || hook.url() == null || hook.url().isBlank()) {
                throw new IllegalArgumentException(property + ".url is missing");
            }
            String url = httpUri(property + ".url", hook.url().strip()).toString();
            if (hook.secret() == null || hook.secret().isBlank()) {
                throw new IllegalArgumentException(property + ".secret is missing: every webhook is signed; give it "
                        + "in the environment (UPSHIFT_NOTIFIER_WEBHOOKS_" + i + "_SECRET) or a secrets file "
                        + "(README \"Webhooks and approval emails\")");
            }
            String name = hook.name() == null || hook.name().isBlank() ? String.valueOf(i) : hook.name().strip();
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException(property + ".name must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(property + ".name '" + name + "' is used by another webhook");
            }
            List<String> events = new ArrayList<>();
            for (String event : hook.events() == null ? List.<String>of() : hook.events()) {
                String type = event.strip().toUpperCase(Locale.ROOT).replace('-', '_');
                if (!WEBHOOK_EVENTS.contains(type)) {
                    throw new IllegalArgumentException(property + ".events: unknown event '" + event + "'; one of "
                            + WEBHOOK_EVENTS);
                }
                events.add(type);
            }
            List<String> packages = hook.packageNames() == null ? List.of()
                    : hook.packageNames().stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
            checked.add(new Webhook(name, url, hook.secret(), List.copyOf(events.isEmpty() ? WEBHOOK_EVENTS : events),
                    packages));
        }
        return List.copyOf(checked);
    }

    private static URI httpUri(String property, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // not the URL itself: a Slack incoming-webhook URL is a secret
            throw new IllegalArgumentException(property + " is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(property + " must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + " must not carry a user or password");
        }
        return uri;
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("upshift.notifier." + name + " must be positive, got " + value);
        }
    }
}
