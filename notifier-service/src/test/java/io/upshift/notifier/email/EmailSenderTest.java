package io.upshift.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.Composition;
import io.upshift.notifier.email.domain.DeliveryPolicy;
import io.upshift.notifier.email.domain.DeliveryRecord;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.email.domain.EmailStatus;
import io.upshift.notifier.email.domain.NewEmail;
import io.upshift.notifier.email.domain.NoticeFacts;
import io.upshift.notifier.email.domain.OutgoingEmail;
import io.upshift.notifier.email.domain.QueuedEmail;
import io.upshift.notifier.email.domain.SendResult;
import io.upshift.notifier.email.domain.SuppressionCheck;
import io.upshift.common.testing.MutableClock;
import io.upshift.notifier.testing.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The sender loop's decisions, one round at a time, with the queue, the relay and the clock in the test's hands;
 * and the loops of an instance together: their threads, wake-ups and stop.
 */
class EmailSenderTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
    /** For the tests with the loops' own threads: generous, the machine is shared. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryQueue queue = new InMemoryQueue();
    private final Set<String> suppressed = new HashSet<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Function<OutgoingEmail, SendResult> relayAnswer = o -> new SendResult.Accepted(o.id(), "<" + o.id() + "@x>",
            o.email().recipients(), List.of());
    /** One loop, driven a round at a time by the test. */
    private final SenderLoop sender = emailSender(Map.of("delivery.senders", "1")).loops().getFirst();

    @Test
    void sendsDueEmailsAndRecordsThemWithTheirMessageId() {
        UUID id = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("jane@acme.example"));

        assertThat(sender.round()).isZero();

        assertThat(queue.status(id)).isEqualTo(EmailStatus.SENT);
        assertThat(queue.sent.get(id).messageId()).isEqualTo("<" + id + "@x>");
        assertThat(queue.sent.get(id).subject()).isEqualTo("Subject");
        assertThat(meters.get(NotifierMetrics.SENT).tag("kind", "advance-notice").counter().count()).isEqualTo(1);
    }

    @Test
    void doesNotSendAnEmailBeforeItIsDue() {
        UUID id = queue.add(EmailKind.REMINDER, T0.plusSeconds(60), T0.plusSeconds(3600), List.of("jane@acme.example"));

        sender.round();

        assertThat(queue.status(id)).isEqualTo(EmailStatus.PENDING);
    }

    @Test
    void retriesATemporaryRefusalWithBackoffAndGivesUpAfterTheLastAttempt() {
        relayAnswer = o -> new SendResult.Refused(o.id(), DeliveryPolicy.Failure.TRANSIENT, "451 try later");
        UUID id = queue.add(EmailKind.RESULT, T0, null, List.of("jane@acme.example"));

        sender.round();
        assertThat(queue.status(id)).isEqualTo(EmailStatus.PENDING);
        assertThat(queue.attempts(id)).isEqualTo(1);
        assertThat(queue.nextAttempt(id)).isEqualTo(T0.plusSeconds(5));

        clock.advance(Duration.ofSeconds(5));
        sender.round();
        assertThat(queue.nextAttempt(id)).isEqualTo(T0.plusSeconds(15));

        clock.advance(Duration.ofSeconds(10));
        sender.round();
        assertThat(queue.status(id)).isEqualTo(EmailStatus.FAILED);
        assertThat(queue.attempts(id)).isEqualTo(3);
        assertThat(meters.get(NotifierMetrics.FAILED).tag("kind", "result").counter().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableRelayPausesTheSenderAndCostsTheEmailsNoAttempt() {
        relayAnswer = o -> new SendResult.Refused(o.id(), DeliveryPolicy.Failure.RELAY_UNAVAILABLE, "connection refused");
        UUID first = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("a@acme.example"));
        UUID second = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("b@acme.example"));

        Duration pause = sender.round();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            pause = sender.round();
        }

        assertThat(pause).isEqualTo(Duration.ofSeconds(30));
        assertThat(List.of(queue.status(first), queue.status(second))).containsOnly(EmailStatus.PENDING);
        assertThat(queue.attempts(first)).isZero();

        relayAnswer = o -> new SendResult.Accepted(o.id(), "<m>", o.email().recipients(), List.of());
        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.round()).isZero();
        assertThat(List.of(queue.status(first), queue.status(second))).containsOnly(EmailStatus.SENT);
    }

    @Test
    void leavesOutSuppressedRecipientsAndMarksAnEmailWithNobodyLeftSuppressed() {
        suppressed.add("gone@acme.example");
        List<OutgoingEmail> handedOver = new ArrayList<>();
        relayAnswer = o -> {
            handedOver.add(o);
            return new SendResult.Accepted(o.id(), "<m>", o.email().recipients(), List.of());
        };
        UUID mixed = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("gone@acme.example", "here@acme.example"));
        UUID nobody = queue.add(EmailKind.RESULT, T0, null, List.of("gone@acme.example"));

        sender.round();

        assertThat(queue.status(mixed)).isEqualTo(EmailStatus.SENT);
        assertThat(handedOver).singleElement()
                .satisfies(o -> assertThat(o.email().recipients()).containsExactly("here@acme.example"));
        assertThat(queue.status(nobody)).isEqualTo(EmailStatus.SUPPRESSED);
        assertThat(meters.get(NotifierMetrics.SUPPRESSED).tag("kind", "result").counter().count()).isEqualTo(1);
    }

    @Test
    void aReminderThatCouldNotGoOutBeforeItsWindowExpires() {
        UUID id = queue.add(EmailKind.REMINDER, T0.minusSeconds(7200), T0.minusSeconds(1), List.of("jane@acme.example"));

        sender.round();

        assertThat(queue.status(id)).isEqualTo(EmailStatus.EXPIRED);
    }

    @Test
    void anEmailThatCannotBeComposedEndsFailedInsteadOfBlockingTheQueue() {
        UUID broken = queue.add(EmailKind.CANCELED, T0, null, List.of("boom"));
        UUID fine = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("jane@acme.example"));

        for (int i = 0; i < 3; i++) {
            sender.round();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(queue.status(fine)).isEqualTo(EmailStatus.SENT);
        assertThat(queue.status(broken)).isEqualTo(EmailStatus.FAILED);
    }

    @Test
    void anEmailTheRelayAcceptedIsNotSentAgainWhenItsResultCouldNotBeWrittenForWantOfAConnection() {
        UUID id = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("jane@acme.example"));
        List<UUID> handedToTheRelay = new ArrayList<>();
        Function<OutgoingEmail, SendResult> accept = relayAnswer;
        relayAnswer = o -> {
            handedToTheRelay.add(o.id());
            return accept.apply(o);
        };
        // given the database goes away between the relay's "250 OK" and the write of the result
        queue.recordFailure = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new java.sql.SQLTransientConnectionException("Connection is not available, request timed out"));

        assertThatThrownBy(sender::round).isInstanceOf(CannotCreateTransactionException.class);

        // when it is back, after the email's lease ran out
        queue.recordFailure = null;
        clock.advance(Duration.ofMinutes(10));
        sender.round();

        // then the result was written and the email went to the relay once
        assertThat(queue.status(id)).isEqualTo(EmailStatus.SENT);
        assertThat(handedToTheRelay).containsExactly(id);
    }

    @Test
    void severalLoopsEachWithItsOwnThreadAndLeaseOwnerSendEveryEmailOnceBetweenThem() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("org" + i + "@acme.example")));
        }
        List<UUID> handedToTheRelay = Collections.synchronizedList(new ArrayList<>());
        Function<OutgoingEmail, SendResult> accept = relayAnswer;
        relayAnswer = o -> {
            handedToTheRelay.add(o.id());
            return accept.apply(o);
        };
        EmailSender senders = emailSender(Map.of("delivery.senders", "3", "delivery.batch-size", "10"));

        senders.start();
        try {
            assertThat(senderThreads()).containsExactlyInAnyOrder("email-sender-1", "email-sender-2", "email-sender-3");
            await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> queue.status(id) == EmailStatus.SENT));
        } finally {
            senders.stop();
        }

        assertThat(senderThreads()).isEmpty();
        assertThat(handedToTheRelay).hasSize(300).doesNotHaveDuplicates();
        List<String> owners = senders.loops().stream().map(SenderLoop::owner).toList();
        assertThat(owners).doesNotHaveDuplicates().allSatisfy(owner -> assertThat(owner).matches("test/[0-9a-f-]{36}/[123]"));
        assertThat(queue.claimers()).isSubsetOf(owners);
    }

    @Test
    void aWakeUpReachesEveryLoop() {
        // given two loops that looked once, found nothing and would not look again for an hour
        CountDownLatch relayMayAnswer = new CountDownLatch(1);
        List<UUID> handedToTheRelay = Collections.synchronizedList(new ArrayList<>());
        relayAnswer = o -> {
            handedToTheRelay.add(o.id());
            awaitQuietly(relayMayAnswer);
            return new SendResult.Accepted(o.id(), "<m>", o.email().recipients(), List.of());
        };
        EmailSender senders = emailSender(Map.of("delivery.senders", "2", "delivery.batch-size", "1",
                "delivery.poll-interval", "1h"));
        senders.start();
        try {
            await().atMost(PATIENCE).until(() -> queue.claims() >= 2);
            UUID first = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("a@acme.example"));
            UUID second = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("b@acme.example"));

            // when new emails are announced
            senders.wakeUp();

            // then both loops are sending at once: one email each (a loop takes one at a time), the relay holding the first
            await().atMost(PATIENCE).until(() -> handedToTheRelay.size() == 2);
            relayMayAnswer.countDown();
            await().atMost(PATIENCE).until(() -> queue.status(first) == EmailStatus.SENT
                    && queue.status(second) == EmailStatus.SENT);
        } finally {
            relayMayAnswer.countDown();
            senders.stop();
        }
    }

    @Test
    void stoppingLetsEveryLoopFinishTheSmtpExchangeInHandWithoutAnInterrupt() {
        CountDownLatch relayMayAnswer = new CountDownLatch(1);
        List<UUID> handedToTheRelay = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> interrupted = Collections.synchronizedList(new ArrayList<>());
        relayAnswer = o -> {
            handedToTheRelay.add(o.id());
            awaitQuietly(relayMayAnswer);
            interrupted.add(Thread.currentThread().isInterrupted());
            return new SendResult.Accepted(o.id(), "<m>", o.email().recipients(), List.of());
        };
        UUID first = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("a@acme.example"));
        UUID second = queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("b@acme.example"));
        EmailSender senders = emailSender(Map.of("delivery.senders", "2", "delivery.batch-size", "1"));
        senders.start();
        await().atMost(PATIENCE).until(() -> handedToTheRelay.size() == 2);

        // when the instance stops while both loops are in the middle of an SMTP exchange
        Thread stopping = Thread.ofPlatform().name("stopping").start(senders::stop);

        // then the stop waits for them, and they finish and write down what they sent
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(stopping::isAlive);
        relayMayAnswer.countDown();
        await().atMost(PATIENCE).until(() -> !stopping.isAlive());
        assertThat(List.of(queue.status(first), queue.status(second))).containsOnly(EmailStatus.SENT);
        assertThat(interrupted).containsExactly(false, false);
        assertThat(senderThreads()).isEmpty();
    }

    @Test
    void aWakeUpDoesNotCutThePauseForAnUnreachableRelayShort() {
        List<Long> attemptedAt = Collections.synchronizedList(new ArrayList<>());
        relayAnswer = o -> {
            attemptedAt.add(System.nanoTime());
            return new SendResult.Refused(o.id(), DeliveryPolicy.Failure.RELAY_UNAVAILABLE, "connection refused");
        };
        EmailSender senders = emailSender(Map.of("delivery.senders", "1", "delivery.poll-interval", "1h"));
        senders.start();
        try {
            // given the loop found the relay down (and pauses 0.5 s, the first of its pauses)
            queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("a@acme.example"));
            senders.wakeUp();
            await().atMost(PATIENCE).until(() -> attemptedAt.size() == 1);

            // when new emails are announced meanwhile, again and again
            queue.add(EmailKind.ADVANCE_NOTICE, T0, null, List.of("b@acme.example"));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> {
                senders.wakeUp();
                return attemptedAt.size() >= 2;
            });
        } finally {
            senders.stop();
        }

        // then the loop tried the relay again only after its pause
        assertThat(Duration.ofNanos(attemptedAt.get(1) - attemptedAt.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    private EmailSender emailSender(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("delivery.rate-per-second", "0");
        return new EmailSender(queue, emails -> emails.stream().map(o -> relayAnswer.apply(o)).toList(),
                suppressionList(), List.of(composer()),
                new DeliveryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(30)),
                Settings.with(all), messages -> Duration.ZERO, new NotifierMetrics(meters), clock, "test");
    }

    private static List<String> senderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("email-sender")).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EmailComposer composer() {
        return new EmailComposer() {
            @Override
            public Set<EmailKind> kinds() {
                return EnumSet.allOf(EmailKind.class);
            }

            @Override
            public Composition compose(QueuedEmail email, Instant now) {
                List<String> to = queue.recipientsOf(email.id());
                if (to.contains("boom")) {
                    throw new IllegalStateException("template missing");
                }
                return new Composition.Ready(new ComposedEmail(to, "Subject", "text", "<p>html</p>", List.of()));
            }
        };
    }

    /** The sender's view of the suppression list: the addresses in {@link #suppressed}. */
    private SuppressionCheck suppressionList() {
        return addresses -> addresses.stream().filter(suppressed::contains).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The queue's contract in memory: claims due rows, applies records only to rows still SENDING. Each method
     * holds the queue's lock, as the database's row locks keep two loops from claiming one row.
     */
    private final class InMemoryQueue implements EmailQueue {

        final Map<UUID, QueuedEmail> rows = new LinkedHashMap<>();
        final Map<UUID, List<String>> recipients = new LinkedHashMap<>();
        final Map<UUID, EmailStatus> statuses = new LinkedHashMap<>();
        final Map<UUID, Instant> next = new LinkedHashMap<>();
        final Map<UUID, Integer> tries = new LinkedHashMap<>();
        final Map<UUID, DeliveryRecord.Sent> sent = new LinkedHashMap<>();
        final Set<String> claimers = new HashSet<>();
        int claims;
        /** What {@link #record} throws while the database is away; null when it is up. */
        RuntimeException recordFailure;

        synchronized UUID add(EmailKind kind, Instant due, Instant expires, List<String> to) {
            UUID id = UUID.randomUUID();
            NoticeFacts facts = new NoticeFacts("n", T0, T0, "UTC", "1", "2", null, null);
            rows.put(id, new QueuedEmail(id, kind, "c", "o", id.toString(), facts, due, expires, 0, T0));
            recipients.put(id, to);
            statuses.put(id, EmailStatus.PENDING);
            next.put(id, due);
            tries.put(id, 0);
            return id;
        }

        synchronized EmailStatus status(UUID id) {
            return statuses.get(id);
        }

        synchronized int attempts(UUID id) {
            return tries.get(id);
        }

        synchronized Instant nextAttempt(UUID id) {
            return next.get(id);
        }

        synchronized List<String> recipientsOf(UUID id) {
            return recipients.get(id);
        }

        synchronized int claims() {
            return claims;
        }

        synchronized Set<String> claimers() {
            return Set.copyOf(claimers);
        }

        @Override
        public List<EmailKind> queue(List<NewEmail> emails, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int cancelPendingReminders(String campaignId, String orgId, Instant now) {
            return 0;
        }

        @Override
        public int cancelPendingReminders(String campaignId, Instant now) {
            return 0;
        }

        @Override
        public synchronized List<QueuedEmail> claim(Instant now, int limit, Duration lease, String claimer) {
            claims++;
            List<QueuedEmail> claimed = new ArrayList<>();
            for (UUID id : rows.keySet()) {
                boolean due = !next.get(id).isAfter(now);
                boolean open = statuses.get(id) == EmailStatus.PENDING || statuses.get(id) == EmailStatus.SENDING;
                if (due && open && claimed.size() < limit) {
                    statuses.put(id, EmailStatus.SENDING);
                    next.put(id, now.plus(lease));
                    claimers.add(claimer);
                    QueuedEmail row = rows.get(id);
                    claimed.add(new QueuedEmail(id, row.kind(), row.campaignId(), row.orgId(), row.dedupKey(),
                            row.facts(), row.dueAt(), row.expiresAt(), tries.get(id), row.createdAt()));
                }
            }
            return claimed;
        }

        @Override
        public synchronized void record(List<DeliveryRecord> records) {
            if (recordFailure != null) {
                throw recordFailure;
            }
            for (DeliveryRecord record : records) {
                if (statuses.get(record.id()) != EmailStatus.SENDING) {
                    continue;
                }
                switch (record) {
                    case DeliveryRecord.Sent s -> {
                        statuses.put(s.id(), EmailStatus.SENT);
                        tries.put(s.id(), s.attempts());
                        sent.put(s.id(), s);
                    }
                    case DeliveryRecord.Retry r -> {
                        statuses.put(r.id(), EmailStatus.PENDING);
                        next.put(r.id(), r.at());
                        tries.put(r.id(), r.attempts());
                    }
                    case DeliveryRecord.Closed c -> {
                        statuses.put(c.id(), c.status());
                        tries.put(c.id(), c.attempts());
                    }
                }
            }
        }

        @Override
        public List<io.upshift.notifier.email.domain.EmailCount> counts(String campaignId) {
            return List.of();
        }

        @Override
        public Optional<Instant> oldestUnsentDue(Instant now) {
            return Optional.empty();
        }
    }
}
