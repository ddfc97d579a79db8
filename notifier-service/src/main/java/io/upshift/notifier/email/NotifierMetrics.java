package io.upshift.notifier.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upshift.notifier.email.domain.DeliveryPolicy;
import io.upshift.notifier.email.domain.EmailKind;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The notifier's metrics. Names are constants so dashboards and alerts can rely on them; the only
 * tags are the email kind (eight values) and the failure type (three), so series stay bounded.
 * Prometheus renders {@code upshift.notifier.emails.sent} as {@code upshift_notifier_emails_sent_total}.
 */
@Component
public class NotifierMetrics {

    /** Emails added to the queue (a redelivered event adds none), by kind. */
    public static final String QUEUED = "upshift.notifier.emails.queued";
    /** Emails the relay accepted, by kind. */
    public static final String SENT = "upshift.notifier.emails.sent";
    /** Emails given up (too many tries, rejected by the relay, nobody to send to), by kind. */
    public static final String FAILED = "upshift.notifier.emails.failed";
    /** Emails not sent because every recipient is on the suppression list, by kind. */
    public static final String SUPPRESSED = "upshift.notifier.emails.suppressed";
    /** Recipients left out of an email because they are on the suppression list, by kind. */
    public static final String RECIPIENTS_SUPPRESSED = "upshift.notifier.recipients.suppressed";
    /** Recipient addresses in notices that were refused (not an address, line breaks), never mailed. */
    public static final String RECIPIENTS_REJECTED = "upshift.notifier.recipients.rejected";
    /** Reminders not sent because their window had opened, by kind. */
    public static final String EXPIRED = "upshift.notifier.emails.expired";
    /** Failed tries, by kind and failure (relay_unavailable, transient, permanent). */
    public static final String SEND_ERRORS = "upshift.notifier.send.errors";
    /** From an email's due time to the relay accepting it, by kind. */
    public static final String SEND_LATENCY = "upshift.notifier.send.latency";
    /** One SMTP exchange (a batch over one connection). */
    public static final String SMTP_BATCH = "upshift.notifier.smtp.batch";
    /** Age of the oldest email that is due and not sent yet; 0 when none is waiting. */
    public static final String OLDEST_UNSENT_AGE = "upshift.notifier.oldest.unsent.age";

    private final MeterRegistry registry;
    private final Map<EmailKind, Counter> queued = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Counter> sent = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Counter> failed = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Counter> suppressed = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Counter> expired = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Timer> latency = new EnumMap<>(EmailKind.class);
    private final Map<EmailKind, Map<DeliveryPolicy.Failure, Counter>> sendErrors = new EnumMap<>(EmailKind.class);
    private final Counter rejectedRecipients;
    private final Timer smtpBatch;
    private final AtomicLong oldestUnsentMillis = new AtomicLong();

    NotifierMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (EmailKind kind : EmailKind.values()) {
            queued.put(kind, counter(QUEUED, "Emails queued", kind));
            sent.put(kind, counter(SENT, "Emails accepted by the SMTP relay", kind));
            failed.put(kind, counter(FAILED, "Emails given up", kind));
            suppressed.put(kind, counter(SUPPRESSED, "Emails not sent: every recipient suppressed", kind));
            expired.put(kind, counter(EXPIRED, "Emails not sent: too late to make sense", kind));
            latency.put(kind, Timer.builder(SEND_LATENCY)
                    .description("From an email's due time to the relay accepting it")
                    .tag("kind", kind.key())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry));
            // registered at zero so an alert on the error rate has a series before the first error
            Map<DeliveryPolicy.Failure, Counter> errors = new EnumMap<>(DeliveryPolicy.Failure.class);
            for (DeliveryPolicy.Failure failure : DeliveryPolicy.Failure.values()) {
                errors.put(failure, Counter.builder(SEND_ERRORS)
                        .description("Failed tries to hand an email to the relay")
                        .tag("kind", kind.key())
                        .tag("failure", failure.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            sendErrors.put(kind, errors);
        }
        rejectedRecipients = Counter.builder(RECIPIENTS_REJECTED)
                .description("Recipient addresses in notices that were refused and never mailed")
                .register(registry);
        smtpBatch = Timer.builder(SMTP_BATCH).description("One SMTP exchange over one connection").register(registry);
        Gauge.builder(OLDEST_UNSENT_AGE, oldestUnsentMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest email that is due and not sent yet")
                .baseUnit("seconds")
                .register(registry);
    }

    private Counter counter(String name, String description, EmailKind kind) {
        return Counter.builder(name).description(description).tag("kind", kind.key()).register(registry);
    }

    public void queued(Collection<EmailKind> kinds) {
        kinds.forEach(kind -> queued.get(kind).increment());
    }

    public void recipientsRejected(int count) {
        rejectedRecipients.increment(count);
    }

    void sent(EmailKind kind, Duration sinceDue) {
        sent.get(kind).increment();
        latency.get(kind).record(sinceDue.isNegative() ? Duration.ZERO : sinceDue);
    }

    void failed(EmailKind kind) {
        failed.get(kind).increment();
    }

    void suppressed(EmailKind kind) {
        suppressed.get(kind).increment();
    }

    void recipientsSuppressed(EmailKind kind, int count) {
        Counter.builder(RECIPIENTS_SUPPRESSED)
                .description("Recipients left out because they are on the suppression list")
                .tag("kind", kind.key())
                .register(registry)
                .increment(count);
    }

    void expired(EmailKind kind) {
        expired.get(kind).increment();
    }

    void sendError(EmailKind kind, DeliveryPolicy.Failure failure) {
        sendErrors.get(kind).get(failure).increment();
    }

    Timer smtpBatch() {
        return smtpBatch;
    }

    void oldestUnsent(Duration age) {
        oldestUnsentMillis.set(Math.max(0, age.toMillis()));
    }
}
