package io.upshift.notifier.email;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.DeliveryPolicy;
import io.upshift.notifier.email.domain.DeliveryRecord;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.email.domain.EmailStatus;
import io.upshift.notifier.email.domain.MailRelay;
import io.upshift.notifier.email.domain.OutgoingEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.SendResult;
import io.upshift.notifier.email.domain.SendSlots;
import io.upshift.notifier.email.domain.SuppressionCheck;
import io.upshift.notifier.support.jdbc.DatabaseFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * One sender loop: claims due emails from the queue under its own lease owner id, composes them,
 * leaves out suppressed recipients, waits for the relay's rate limit, hands them to the relay over
 * its own SMTP connection and writes back what happened. It keeps its own state (outcomes the
 * database could not take, failures in a row) and runs on its own thread; {@link EmailSender}
 * starts and stops the loops of an instance. See {@code email/DESIGN.md}.
 */
final class SenderLoop {

    /**
     * What the loops of one instance share.
     *
     * @param composers one per kind of email
     * @param gauge the oldest-unsent gauge, refreshed by whichever loop comes first
     */
    record Parts(EmailQueue queue, MailRelay relay, SuppressionCheck suppressions,
            Map<EmailKind, EmailComposer> composers, DeliveryPolicy policy, NotifierProperties.Delivery settings,
            SendSlots slots, NotifierMetrics metrics, Clock clock, OldestUnsentGauge gauge) {
    }

    private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);
    private static final Duration MAX_DATABASE_PAUSE = Duration.ofSeconds(5);
    /** How long a stopping loop gets, once its time to finish the exchange in hand ran out, after an interrupt. */
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

    private final EmailQueue queue;
    private final MailRelay relay;
    private final SuppressionCheck suppressions;
    private final Map<EmailKind, EmailComposer> composers;
    private final DeliveryPolicy policy;
    private final NotifierProperties.Delivery settings;
    private final SendSlots slots;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final OldestUnsentGauge gauge;
    /** The lease owner written into the rows this loop claims: {@code <instance>/<uuid>/<n>}. */
    private final String owner;
    private final String threadName;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean running;
    private volatile boolean stopRequested;
    private boolean wakeRequested;
    private Thread thread;

    /** Outcomes the database could not take (it was down): written before anything new is claimed. */
    private final List<DeliveryRecord> unrecorded = new ArrayList<>();
    private int relayFailuresInARow;
    private int databaseFailuresInARow;

    SenderLoop(Parts parts, String owner, String threadName) {
        this.queue = parts.queue();
        this.relay = parts.relay();
        this.suppressions = parts.suppressions();
        this.composers = parts.composers();
        this.policy = parts.policy();
        this.settings = parts.settings();
        this.slots = parts.slots();
        this.metrics = parts.metrics();
        this.clock = parts.clock();
        this.gauge = parts.gauge();
        this.owner = owner;
        this.threadName = threadName;
    }

    String owner() {
        return owner;
    }

    void start() {
        stopRequested = false;
        running = true;
        thread = Thread.ofPlatform().name(threadName).daemon().start(this::loop);
    }

    /** Asks the loop to end after the round in hand; returns at once (see {@link #awaitStop}). */
    void requestStop() {
        stopRequested = true;
        running = false;
        wakeUp();
    }

    /**
     * Waits for the loop's thread to end, until {@code deadline} ({@link System#nanoTime()}); a loop
     * still running then is interrupted. Not an interrupt first: it could cut an SMTP exchange or the
     * write of its result short, and an email sent but not written down would be sent again after
     * its lease.
     */
    void awaitStop(long deadline) {
        Thread t = thread;
        if (t != null) {
            try {
                if (!t.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("email sender {} did not stop in time; interrupting it", owner);
                    t.interrupt();
                    t.join(AFTER_INTERRUPT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** Asks the loop to look for due emails now rather than after its poll interval. */
    void wakeUp() {
        lock.lock();
        try {
            wakeRequested = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        log.debug("email sender {} started", owner);
        while (running) {
            try {
                Duration pause = round();
                databaseFailuresInARow = 0;
                if (relayFailuresInARow > 0) {
                    // The relay is down: emails a wake-up announces would only fail the same way, and with
                    // several loops woken by every record taken in, each would try the relay again at once.
                    awaitIgnoringWakeUps(pause);
                } else if (!pause.isZero()) {
                    sleep(pause);
                }
            } catch (DataAccessException | TransactionException e) {
                // A transaction that cannot even begin (no connection) is a TransactionException, not a DataAccessException.
                if (!DatabaseFailures.isUnavailable(e)) {
                    log.error("email sender {}: database error, pausing", owner, e);
                    sleep(settings.pollInterval());
                    continue;
                }
                databaseFailuresInARow++;
                Duration pause = backoff(Duration.ofMillis(250), databaseFailuresInARow, MAX_DATABASE_PAUSE);
                if (databaseFailuresInARow == 1 || databaseFailuresInARow % 20 == 0) {
                    log.warn("email sender {}: database unavailable ({} failures in a row), pausing {} ms: {}", owner,
                            databaseFailuresInARow, pause.toMillis(), e.getMostSpecificCause().toString());
                }
                sleep(pause);
            } catch (RuntimeException e) {
                log.error("email sender {}: unexpected failure, pausing", owner, e);
                sleep(settings.pollInterval());
            }
        }
        log.debug("email sender {} stopped", owner);
    }

    /** One round; returns how long to pause before the next (zero: go on at once). */
    Duration round() {
        if (!unrecorded.isEmpty()) {
            queue.record(List.copyOf(unrecorded));
            unrecorded.clear();
        }
        Instant now = clock.instant();
        gauge.refresh(now);
        List<QueuedEmail> claimed = queue.claim(now, settings.effectiveBatchSize(), settings.lease(), owner);
        if (claimed.isEmpty()) {
            return settings.pollInterval();
        }
        List<DeliveryRecord> records = new ArrayList<>();
        Map<UUID, QueuedEmail> byId = new HashMap<>();
        List<OutgoingEmail> ready = compose(claimed, now, records, byId);
        List<OutgoingEmail> outgoing = withoutSuppressed(ready, byId, now, records);

        Duration pause = Duration.ZERO;
        if (!outgoing.isEmpty()) {
            if (!awaitIgnoringWakeUps(slots.reserve(outgoing.size()))) {
                // Stopping while waiting for a send slot: hand the emails back untouched.
                outgoing.forEach(o -> records.add(new DeliveryRecord.Retry(o.id(), now, byId.get(o.id()).attempts(),
                        "sender stopped before sending")));
                write(records);
                return Duration.ZERO;
            }
            long started = System.nanoTime();
            List<SendResult> results = relay.send(outgoing);
            metrics.smtpBatch().record(Duration.ofNanos(System.nanoTime() - started));
            pause = afterSending(results, outgoing, byId, records);
        }
        write(records);
        return pause;
    }

    private List<OutgoingEmail> compose(List<QueuedEmail> claimed, Instant now, List<DeliveryRecord> records,
            Map<UUID, QueuedEmail> byId) {
        List<OutgoingEmail> ready = new ArrayList<>();
        for (QueuedEmail email : claimed) {
            byId.put(email.id(), email);
            if (email.expiredAt(now)) {
                records.add(new DeliveryRecord.Closed(email.id(), EmailStatus.EXPIRED, now, email.attempts(),
                        "not sent before " + email.expiresAt()));
                metrics.expired(email.kind());
                continue;
            }
            Composition composition;
            try {
                composition = composers.get(email.kind()).compose(email, now);
            } catch (RuntimeException e) {
                if (DatabaseFailures.isUnavailable(e)) {
                    throw e;
                }
                // A template, data or query problem: counted as a try, so it ends FAILED rather than looping forever.
                log.error("cannot compose {} email {} (campaign {}, org {})", email.kind().key(), email.id(),
                        email.campaignId(), email.orgId(), e);
                records.add(afterFailure(email, DeliveryPolicy.Failure.TRANSIENT, "cannot compose: " + e, now));
                continue;
            }
            switch (composition) {
                case Composition.Ready r -> ready.add(new OutgoingEmail(email.id(), email.kind(), email.campaignId(),
                        email.orgId(), r.email()));
                case Composition.NotYet n -> records.add(new DeliveryRecord.Retry(email.id(), n.retryAt(),
                        email.attempts(), n.why()));
                case Composition.Abandon a -> {
                    log.warn("giving up {} email {} (campaign {}, org {}): {}", email.kind().key(), email.id(),
                            email.campaignId(), email.orgId(), a.reason());
                    records.add(new DeliveryRecord.Closed(email.id(), EmailStatus.FAILED, now, email.attempts(),
                            a.reason()));
                    metrics.failed(email.kind());
                }
            }
        }
        return ready;
    }

    /** Suppression is checked at send time, so an address suppressed after its email was queued still gets nothing. */
    private List<OutgoingEmail> withoutSuppressed(List<OutgoingEmail> ready, Map<UUID, QueuedEmail> byId, Instant now,
            List<DeliveryRecord> records) {
        if (ready.isEmpty()) {
            return ready;
        }
        Set<String> all = new LinkedHashSet<>();
        ready.forEach(o -> all.addAll(o.email().recipients()));
        Set<String> suppressed = suppressions.suppressedAmong(all);
        if (suppressed.isEmpty()) {
            return ready;
        }
        List<OutgoingEmail> kept = new ArrayList<>();
        for (OutgoingEmail o : ready) {
            List<String> recipients = o.email().recipients().stream().filter(r -> !suppressed.contains(r)).toList();
            int left = o.email().recipients().size() - recipients.size();
            if (left > 0) {
                metrics.recipientsSuppressed(o.kind(), left);
            }
            if (recipients.isEmpty()) {
                records.add(new DeliveryRecord.Closed(o.id(), EmailStatus.SUPPRESSED, now, byId.get(o.id()).attempts(),
                        "every recipient is on the suppression list"));
                metrics.suppressed(o.kind());
            } else {
                ComposedEmail email = left == 0 ? o.email() : o.email().withRecipients(recipients);
                kept.add(new OutgoingEmail(o.id(), o.kind(), o.campaignId(), o.orgId(), email));
            }
        }
        return kept;
    }

    private Duration afterSending(List<SendResult> results, List<OutgoingEmail> outgoing, Map<UUID, QueuedEmail> byId,
            List<DeliveryRecord> records) {
        Instant now = clock.instant();
        boolean relayDown = results.stream().anyMatch(r -> r instanceof SendResult.Refused refused
                && refused.failure() == DeliveryPolicy.Failure.RELAY_UNAVAILABLE);
        Duration pause = Duration.ZERO;
        if (relayDown) {
            relayFailuresInARow++;
            pause = policy.relayPause(relayFailuresInARow);
            if (relayFailuresInARow == 1 || relayFailuresInARow % 10 == 0) {
                log.warn("email sender {}: SMTP relay unreachable ({} rounds in a row); emails stay queued, "
                        + "next try in {} ms", owner, relayFailuresInARow, pause.toMillis());
            }
        } else {
            relayFailuresInARow = 0;
        }
        Map<UUID, String> subjects = new HashMap<>();
        outgoing.forEach(o -> subjects.put(o.id(), o.email().subject()));
        for (SendResult result : results) {
            QueuedEmail email = byId.get(result.id());
            switch (result) {
                case SendResult.Accepted a -> {
                    records.add(new DeliveryRecord.Sent(a.id(), now, email.attempts() + 1, a.messageId(), a.sentTo(),
                            subjects.get(a.id())));
                    metrics.sent(email.kind(), Duration.between(email.dueAt(), now));
                    if (!a.rejected().isEmpty()) {
                        log.warn("{} email {} sent, but the relay refused {} of its recipients", email.kind().key(),
                                email.id(), a.rejected().size());
                    }
                }
                case SendResult.Refused r -> {
                    metrics.sendError(email.kind(), r.failure());
                    if (r.failure() == DeliveryPolicy.Failure.RELAY_UNAVAILABLE) {
                        // An outage is not the email's fault: it waits with the relay and keeps its tries.
                        records.add(new DeliveryRecord.Retry(email.id(), now.plus(pause), email.attempts(), r.error()));
                    } else {
                        records.add(afterFailure(email, r.failure(), r.error(), now));
                    }
                }
            }
        }
        return pause;
    }

    private DeliveryRecord afterFailure(QueuedEmail email, DeliveryPolicy.Failure failure, String error, Instant now) {
        return switch (policy.afterFailure(email.attempts(), failure, now)) {
            case DeliveryPolicy.Decision.RetryAt retry -> new DeliveryRecord.Retry(email.id(), retry.at(),
                    retry.attempts(), error);
            case DeliveryPolicy.Decision.GiveUp giveUp -> {
                log.warn("giving up {} email {} (campaign {}, org {}) after {} tries: {}", email.kind().key(),
                        email.id(), email.campaignId(), email.orgId(), giveUp.attempts(), error);
                metrics.failed(email.kind());
                yield new DeliveryRecord.Closed(email.id(), EmailStatus.FAILED, now, giveUp.attempts(), error);
            }
        };
    }

    /** Writes results; if the database is down they are kept and written first thing next round. */
    private void write(List<DeliveryRecord> records) {
        try {
            queue.record(records);
        } catch (DataAccessException | TransactionException e) {
            // Including a transaction that could not begin: forgetting these would send the accepted emails again.
            unrecorded.addAll(records);
            throw e;
        }
    }

    /** Waits (for a send slot, for the relay); wake-ups do not cut it short, stopping does. False if stopping. */
    private boolean awaitIgnoringWakeUps(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            long nanos;
            while (!stopRequested && (nanos = deadline - System.nanoTime()) > 0) {
                wakeUp.awaitNanos(nanos);
            }
            return !stopRequested;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration pause) {
        lock.lock();
        try {
            long nanos = pause.toNanos();
            while (running && !wakeRequested && nanos > 0) {
                nanos = wakeUp.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration backoff(Duration initial, int failures, Duration max) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
