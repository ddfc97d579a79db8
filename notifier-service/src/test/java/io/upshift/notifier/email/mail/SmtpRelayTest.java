package io.upshift.notifier.email.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.DeliveryPolicy.Failure;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.OutgoingEmail;
import io.upshift.notifier.email.domain.SendResult;
import io.upshift.notifier.testing.Settings;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** How the relay adapter reads an SMTP server's answers, against a server that answers as scripted. */
class SmtpRelayTest {

    private final ScriptedSmtpServer server = startServer();

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aTemporaryRefusalIsWorthAnotherTry() {
        SendResult result = relay(server.port()).send(List.of(email("greylisted@acme.example"))).getFirst();

        assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class, refused -> {
            assertThat(refused.failure()).isEqualTo(Failure.TRANSIENT);
            assertThat(refused.error()).contains("451");
        });
    }

    @Test
    void aPermanentRefusalIsNot() {
        SendResult result = relay(server.port()).send(List.of(email("unknown@acme.example"))).getFirst();

        assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.failure()).isEqualTo(Failure.PERMANENT));
    }

    @Test
    void oneRefusedRecipientDoesNotStopTheEmailToTheOthers() {
        SendResult result = relay(server.port()).send(List.of(email("jane@acme.example", "unknown@acme.example")))
                .getFirst();

        assertThat(result).isInstanceOfSatisfying(SendResult.Accepted.class, accepted -> {
            assertThat(accepted.sentTo()).containsExactly("jane@acme.example");
            assertThat(accepted.rejected()).containsExactly("unknown@acme.example");
        });
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aTemporaryRefusalOfTheMessageItselfIsWorthAnotherTry() {
        server.answerDataWith("452 4.3.1 insufficient system storage");

        SendResult result = relay(server.port()).send(List.of(email("jane@acme.example"))).getFirst();

        assertThat(result).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.failure()).isEqualTo(Failure.TRANSIENT));
    }

    @Test
    void aRelayThatDoesNotAnswerIsAnOutageForEveryEmailOfTheBatch() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }

        List<SendResult> results = relay(closedPort).send(List.of(email("a@acme.example"), email("b@acme.example")));

        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.failure()).isEqualTo(Failure.RELAY_UNAVAILABLE)));
    }

    @Test
    void sendsABatchOverOneConnectionAndAcceptsEachEmail() {
        List<SendResult> results = relay(server.port()).send(List.of(email("a@acme.example"), email("b@acme.example"),
                email("c@acme.example")));

        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Accepted.class));
        assertThat(server.accepted()).isEqualTo(3);
    }

    @Test
    void aBatchWhoseEveryEmailWasAcceptedStaysSentWhenOnlyClosingTheConnectionFails() {
        // what JavaMailSenderImpl throws when QUIT fails after every message had its 250
        JavaMailSenderImpl sender = new JavaMailSenderImpl() {
            @Override
            public void send(jakarta.mail.internet.MimeMessage... messages) {
                super.send(messages);
                throw new org.springframework.mail.MailSendException(
                        "Failed to close server connection after message sending",
                        new jakarta.mail.MessagingException("connection reset"));
            }
        };

        List<SendResult> results = relay(sender, server.port()).send(List.of(email("a@acme.example"),
                email("b@acme.example")));

        assertThat(server.accepted()).isEqualTo(2);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Accepted.class));
    }

    private static SmtpRelay relay(int port) {
        return relay(new JavaMailSenderImpl(), port);
    }

    private static SmtpRelay relay(JavaMailSenderImpl sender, int port) {
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.put("mail.smtp.sendpartial", "true");
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        sender.setJavaMailProperties(properties);
        return new SmtpRelay(sender, Settings.defaults(),
                Clock.fixed(Instant.parse("2026-05-04T08:00:00Z"), ZoneOffset.UTC));
    }

    private static OutgoingEmail email(String... recipients) {
        return new OutgoingEmail(UUID.randomUUID(), EmailKind.ADVANCE_NOTICE, UUID.randomUUID().toString(),
                "00D000000000001EAA", new ComposedEmail(List.of(recipients), "Subject", "text", "<p>html</p>", List.of()));
    }

    private static ScriptedSmtpServer startServer() {
        try {
            return new ScriptedSmtpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
