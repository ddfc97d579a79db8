package io.upshift.bench.notifier;

import io.upshift.bench.BenchEnvironment;
import io.upshift.bench.Benchmark;
import io.upshift.bench.Result;
import io.upshift.bench.Size;
import io.upshift.bench.support.Messages;
import io.upshift.bench.support.Pause;
import io.upshift.bench.support.Window;
import io.upshift.demo.LocalUpshift;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.messages.SubscriberNotice;
import io.upshift.notifier.config.NotifierProperties;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Notifier throughput: N advance notices arrive on the notices topic at once (as the planner's
 * relay writes them when a campaign is scheduled); the notifier — rate limit off — takes each in,
 * queues its email, composes it (Mustache, plain text and HTML), and sends it to the devstack's
 * SMTP server, with its default number of sender loops. Measured from the first notice written to the
 * last email accepted by the server; and the sending alone: every org's reminder falls due at one
 * instant after the intake is done, measured from then to the last reminder accepted.
 * Baselines in the same run: bare {@link JavaMailSenderImpl} loops sending the very same messages
 * (as the server received them) to the same server, in batches of the notifier's size over one
 * connection each — as many loops side by side as the notifier has sender loops (the headline
 * ratio), and one loop alone (as in the runs before the notifier had several).
 */
public final class NotifierThroughput implements Benchmark {

    static final int BATCH = 50;
    /** How long before its window an org's reminder falls due (the notifier's default, set explicitly). */
    static final Duration REMINDER_BEFORE = Duration.ofHours(24);
    /** The notifier's default number of sender loops per instance, which this benchmark runs with. */
    static final int SENDERS = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("upshift.notifier", NotifierProperties.class).delivery().senders();

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public String title() {
        return "Notifier: advance notices in → emails accepted by SMTP, vs bare JavaMailSender loops with the same messages";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int emails = size.pick(200, 2_500, 20_000);
        Result result = new Result(name(), title(), size)
                .parameter("emails", emails)
                .parameter("notifier", "rate limit off, 1 instance with " + SENDERS + " sender loops (the default), each "
                        + "sending batches of " + BATCH + " over one SMTP connection")
                .parameter("smtp", "the devstack's GreenMail server, in this JVM");
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(0)
                .withNotifier(Map.of("upshift.notifier.delivery.rate-per-second", "0",
                        "upshift.notifier.delivery.batch-size", String.valueOf(BATCH),
                        "upshift.notifier.reminder-before", REMINDER_BEFORE.toHours() + "h"));
        UUID campaignId = UUID.randomUUID();
        FleetOptions fleet = FleetOptions.defaults(emails, 61);
        env.stack().smtp().purge();
        double notifierSeconds;
        double intakeSeconds;
        double sendingSeconds;
        try (LocalUpshift upshift = env.startUpshift(run, settings)) {
            // Every org's window starts at the same time, so all the reminders fall due at one instant, once
            // every notice is in (a lead of 5 s plus 200 notices a second — the quiet intake is 700-800 a second;
            // a note says so if the intake was slower): the sending alone, from a full queue.
            Instant remindersDue = Instant.now().plus(Duration.ofSeconds(5 + emails / 200));
            Instant windowStart = remindersDue.plus(REMINDER_BEFORE);
            Window measured = env.measuring("notices → emails");
            long start = System.nanoTime();
            Instant started = Instant.now();
            try (KafkaProducer<String, SubscriberNotice> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.stack().kafkaBootstrapServers()),
                    Topics.SUBSCRIBER_NOTICES.keySerializer(),
                    Topics.SUBSCRIBER_NOTICES.valueSerializer(new HttpSchemaRegistryClient(env.stack().schemaRegistryUrl())))) {
                for (SimulatedOrg org : (Iterable<SimulatedOrg>) new FleetGenerator(fleet).stream()::iterator) {
                    producer.send(new ProducerRecord<>(Topics.SUBSCRIBER_NOTICES.name(), org.orgId(),
                            Messages.scheduled(org, campaignId, "4.2.1", windowStart)));
                }
            }
            env.log("%,d notices written in %.1f s", emails, (System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(120 + emails / 20).toNanos();
            long[] progress;
            do {
                Pause.of(Duration.ofMillis(250));
                progress = progress(env, run, campaignId);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the notifier sent " + progress[1] + " of " + emails + " emails ("
                            + progress[0] + " queued) in time");
                }
            } while (progress[1] < emails);
            measured.close();
            double[] spans = spans(env, run, campaignId, started, "ADVANCE_NOTICE");
            intakeSeconds = spans[0];
            notifierSeconds = spans[1];

            Window sending = null;
            while (progress(env, run, campaignId, "REMINDER")[1] < emails) {
                if (sending == null && Instant.now().isAfter(remindersDue)) {
                    sending = env.measuring("reminders due → sent");
                }
                Pause.of(Duration.ofMillis(250));
                if (System.nanoTime() > deadline + Duration.ofSeconds(10 + emails / 100).toNanos()) {
                    throw new IllegalStateException("the notifier sent " + progress(env, run, campaignId, "REMINDER")[1]
                            + " of " + emails + " reminders in time");
                }
            }
            if (sending != null) {
                sending.close();
            }
            double[] reminderSpans = spans(env, run, campaignId, remindersDue, "REMINDER");
            if (reminderSpans[0] > 0) {
                result.note(String.format("the last reminder was queued %.1f s after they fell due: the sending "
                        + "figure includes intake", reminderSpans[0]));
            }
            sendingSeconds = reminderSpans[1];
        }
        result.figure("emails_per_second", emails / notifierSeconds, "emails/s",
                        "notifier: first notice written → last email accepted by SMTP")
                .figure("notifier_seconds", notifierSeconds, "s", "notifier: seconds for " + emails + " emails")
                .figure("intake_per_second", emails / intakeSeconds, "notices/s",
                        "notifier intake: first notice written → last email queued")
                .figure("sending_per_second", emails / sendingSeconds, "emails/s",
                        "notifier sending alone: " + emails + " reminders due at once → last accepted by SMTP")
                .figure("sending_seconds", sendingSeconds, "s", "sending alone: seconds for " + emails + " reminders");
        env.log("notifier: %,d emails in %.1f s = %.0f/s (intake %.0f notices/s); sending alone %.0f/s", emails,
                notifierSeconds, emails / notifierSeconds, emails / intakeSeconds, emails / sendingSeconds);

        // The same messages, as the server got them, sent again by bare loops: one (as in earlier runs), then
        // as many as the notifier has sender loops, each taking the next batch over a connection of its own.
        List<MimeMessage> messages = sameMessages(env, campaignId.toString());
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(env.stack().smtp().host());
        sender.setPort(env.stack().smtp().port());
        sender.setDefaultEncoding("UTF-8");
        double oneLoopSeconds = bareLoops(sender, messages, 1);
        env.stack().smtp().purge();
        double loopsSeconds = bareLoops(sender, messages, SENDERS);
        env.stack().smtp().purge();
        result.baseline("bare_parallel_emails_per_second", messages.size() / loopsSeconds, "emails/s",
                        SENDERS + " bare JavaMailSender loops side by side, the same " + messages.size() + " messages")
                .baseline("bare_parallel_seconds", loopsSeconds, "s", SENDERS + " bare loops: seconds")
                .baseline("bare_emails_per_second", messages.size() / oneLoopSeconds, "emails/s",
                        "one bare JavaMailSender loop, the same " + messages.size() + " messages")
                .baseline("bare_seconds", oneLoopSeconds, "s", "one bare loop: seconds");
        double ratio = result.ratio("headline_notifier_to_bare", "sending_per_second",
                "bare_parallel_emails_per_second", "notifier sending alone ÷ " + SENDERS + " bare loops (emails/s)");
        result.ratio("notifier_to_one_bare_loop", "emails_per_second", "bare_emails_per_second",
                "notifier, notices in → emails out ÷ one bare loop (emails/s; the headline of earlier runs)");
        env.log("bare loops: %,d emails in %.1f s = %.0f/s with %d, %.1f s = %.0f/s with one; ratio %.2f",
                messages.size(), loopsSeconds, messages.size() / loopsSeconds, SENDERS, oneLoopSeconds,
                messages.size() / oneLoopSeconds, ratio);
        return result;
    }

    /** Seconds for {@code loops} threads to send the messages, each taking the next batch of {@link #BATCH}. */
    private static double bareLoops(JavaMailSenderImpl sender, List<MimeMessage> messages, int loops)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int n = 1; n <= loops; n++) {
            threads.add(Thread.ofPlatform().name("bench-bare-loop-" + n).start(() -> {
                try {
                    for (int i = next.getAndAdd(BATCH); i < messages.size(); i = next.getAndAdd(BATCH)) {
                        sender.send(messages.subList(i, Math.min(messages.size(), i + BATCH)).toArray(MimeMessage[]::new));
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a bare loop failed: " + failures.getFirst(), failures.getFirst());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Queued and sent advance notices of the campaign. */
    private static long[] progress(BenchEnvironment env, String run, UUID campaignId) throws Exception {
        return progress(env, run, campaignId, "ADVANCE_NOTICE");
    }

    /** Queued and sent emails of one kind of the campaign. */
    private static long[] progress(BenchEnvironment env, String run, UUID campaignId, String kind) throws Exception {
        try (Connection connection = env.notifierDatabase(run).getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select count(*), count(*) filter (where status = 'SENT') from email
                        where campaign_id = ? and kind = ?""")) {
            select.setObject(1, campaignId);
            select.setString(2, kind);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Seconds from {@code started} to the last email of the kind queued, and to the last one sent. */
    private static double[] spans(BenchEnvironment env, String run, UUID campaignId, Instant started, String kind)
            throws Exception {
        try (Connection connection = env.notifierDatabase(run).getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select max(created_at), max(finished_at) from email
                        where campaign_id = ? and kind = ?""")) {
            select.setObject(1, campaignId);
            select.setString(2, kind);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                Instant queued = rs.getTimestamp(1).toInstant();
                Instant sent = rs.getTimestamp(2).toInstant();
                return new double[] {Duration.between(started, queued).toNanos() / 1e9,
                        Duration.between(started, sent).toNanos() / 1e9};
            }
        }
    }

    /** One copy of each advance notice of the campaign (the server keeps one per recipient), detached from the server. */
    private static List<MimeMessage> sameMessages(BenchEnvironment env, String campaignId) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        Set<String> seen = new HashSet<>();
        List<MimeMessage> copies = new ArrayList<>();
        for (MimeMessage message : env.stack().smtp().receivedMessages()) {
            if (campaignId.equals(message.getHeader("X-Upshift-Campaign", null))
                    && "advance-notice".equals(message.getHeader("X-Upshift-Kind", null))
                    && seen.add(message.getMessageID())) {
                copies.add(new MimeMessage(session, toStream(message)));
            }
        }
        return copies;
    }

    private static java.io.InputStream toStream(MimeMessage message) throws MessagingException {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            message.writeTo(bytes);
            return new java.io.ByteArrayInputStream(bytes.toByteArray());
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot copy a received message", e);
        }
    }
}
