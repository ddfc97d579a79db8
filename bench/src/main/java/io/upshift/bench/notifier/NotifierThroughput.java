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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Notifier throughput: N advance notices arrive on the notices topic at once (as the planner's
 * relay writes them when a campaign is scheduled); the notifier — rate limit off — takes each in,
 * queues its email, composes it (Mustache, plain text and HTML), and sends it to the devstack's
 * SMTP server. Measured from the first notice written to the last email accepted by the server.
 * Baseline in the same run: a bare {@link JavaMailSenderImpl} loop sending the very same
 * messages (as the server received them) to the same server, in batches of the notifier's size
 * over one connection each.
 */
public final class NotifierThroughput implements Benchmark {

    static final int BATCH = 50;

    @Override
    public String name() {
        return "notifier";
    }

    @Override
    public String title() {
        return "Notifier: advance notices in → emails accepted by SMTP, vs a bare JavaMailSender loop with the same messages";
    }

    @Override
    public Result run(BenchEnvironment env, Size size) throws Exception {
        int emails = size.pick(200, 5_000, 20_000);
        Result result = new Result(name(), title(), size)
                .parameter("emails", emails)
                .parameter("notifier", "rate limit off, batches of " + BATCH + " over one SMTP connection each, 1 instance")
                .parameter("smtp", "the devstack's GreenMail server, in this JVM");
        String run = env.newRun(name());
        LocalUpshift.Settings settings = LocalUpshift.Settings.of(0)
                .withNotifier(Map.of("upshift.notifier.delivery.rate-per-second", "0",
                        "upshift.notifier.delivery.batch-size", String.valueOf(BATCH)));
        UUID campaignId = UUID.randomUUID();
        FleetOptions fleet = FleetOptions.defaults(emails, 61);
        env.stack().smtp().purge();
        double notifierSeconds;
        double intakeSeconds;
        try (LocalUpshift upshift = env.startUpshift(run, settings)) {
            Instant windowStart = Instant.now().plus(Duration.ofDays(3));
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
            double[] spans = spans(env, run, campaignId, started);
            intakeSeconds = spans[0];
            notifierSeconds = spans[1];
        }
        result.figure("emails_per_second", emails / notifierSeconds, "emails/s",
                        "notifier: first notice written → last email accepted by SMTP")
                .figure("notifier_seconds", notifierSeconds, "s", "notifier: seconds for " + emails + " emails")
                .figure("intake_per_second", emails / intakeSeconds, "notices/s",
                        "notifier intake: first notice written → last email queued");
        env.log("notifier: %,d emails in %.1f s = %.0f/s (intake %.0f notices/s)", emails, notifierSeconds,
                emails / notifierSeconds, emails / intakeSeconds);

        // The same messages, as the server got them, sent again by a bare loop
        List<MimeMessage> messages = sameMessages(env, campaignId.toString());
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(env.stack().smtp().host());
        sender.setPort(env.stack().smtp().port());
        sender.setDefaultEncoding("UTF-8");
        long bareStart = System.nanoTime();
        for (int i = 0; i < messages.size(); i += BATCH) {
            sender.send(messages.subList(i, Math.min(messages.size(), i + BATCH)).toArray(MimeMessage[]::new));
        }
        double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
        env.stack().smtp().purge();
        result.baseline("bare_emails_per_second", messages.size() / bareSeconds, "emails/s",
                        "bare JavaMailSender loop, the same " + messages.size() + " messages")
                .baseline("bare_seconds", bareSeconds, "s", "bare loop: seconds");
        double ratio = result.ratio("headline_notifier_to_bare", "emails_per_second", "bare_emails_per_second",
                "notifier ÷ bare loop (emails/s)");
        env.log("bare loop: %,d emails in %.1f s = %.0f/s; ratio %.2f", messages.size(), bareSeconds,
                messages.size() / bareSeconds, ratio);
        return result;
    }

    /** Queued and sent advance notices of the campaign. */
    private static long[] progress(BenchEnvironment env, String run, UUID campaignId) throws Exception {
        try (Connection connection = env.notifierDatabase(run).getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select count(*), count(*) filter (where status = 'SENT') from email
                        where campaign_id = ? and kind = 'ADVANCE_NOTICE'""")) {
            select.setObject(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Seconds from {@code started} to the last email queued, and to the last email sent. */
    private static double[] spans(BenchEnvironment env, String run, UUID campaignId, Instant started) throws Exception {
        try (Connection connection = env.notifierDatabase(run).getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select max(created_at), max(finished_at) from email
                        where campaign_id = ? and kind = 'ADVANCE_NOTICE'""")) {
            select.setObject(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                Instant queued = rs.getTimestamp(1).toInstant();
                Instant sent = rs.getTimestamp(2).toInstant();
                return new double[] {Duration.between(started, queued).toNanos() / 1e9,
                        Duration.between(started, sent).toNanos() / 1e9};
            }
        }
    }

    /** One copy of each email of the campaign (the server keeps one per recipient), detached from the server. */
    private static List<MimeMessage> sameMessages(BenchEnvironment env, String campaignId) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        Set<String> seen = new HashSet<>();
        List<MimeMessage> copies = new ArrayList<>();
        for (MimeMessage message : env.stack().smtp().receivedMessages()) {
            if (campaignId.equals(message.getHeader("X-Upshift-Campaign", null)) && seen.add(message.getMessageID())) {
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
