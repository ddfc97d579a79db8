package io.upshift.notifier.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        @DefaultValue @Valid Listeners listeners) {

    public NotifierProperties {
        subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
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

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("upshift.notifier." + name + " must be positive, got " + value);
        }
    }
}
