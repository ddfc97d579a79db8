package io.upshift.notifier.email.mail;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.ComposedEmail;
import io.upshift.notifier.email.domain.DeliveryPolicy.Failure;
import io.upshift.notifier.email.domain.MailRelay;
import io.upshift.notifier.email.domain.OutgoingEmail;
import io.upshift.notifier.email.domain.SendResult;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends composed emails through Spring's {@link JavaMailSender}: one SMTP connection per batch,
 * multipart/alternative (plain text and HTML) with attachments beside it in multipart/mixed, and a
 * Message-ID derived from the email's row, so that a copy sent twice (a sender that died between
 * the relay's "250 OK" and writing it down) can be recognised as the same message.
 */
@Component
class SmtpRelay implements MailRelay {

    private final JavaMailSender mailSender;
    private final InternetAddress from;
    private final InternetAddress[] replyTo;
    private final String messageIdDomain;
    private final Clock clock;

    SmtpRelay(JavaMailSender mailSender, NotifierProperties properties, Clock clock) {
        this.mailSender = mailSender;
        this.clock = clock;
        try {
            this.from = new InternetAddress(properties.from(), properties.fromName(), StandardCharsets.UTF_8.name());
            this.replyTo = properties.replyTo() == null || properties.replyTo().isBlank() ? null
                    : new InternetAddress[] {new InternetAddress(properties.replyTo(), true)};
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new IllegalArgumentException("upshift.notifier.from / reply-to: " + e.getMessage(), e);
        }
        this.messageIdDomain = properties.from().substring(properties.from().lastIndexOf('@') + 1);
        // Each message would otherwise scan the class path for Jakarta Mail's StreamProvider about ten times.
        StreamProviderByName.pin();
    }

    @Override
    public List<SendResult> send(List<OutgoingEmail> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        Map<MimeMessage, OutgoingEmail> byMessage = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        List<SendResult> results = new ArrayList<>();
        for (OutgoingEmail email : emails) {
            try {
                MimeMessage message = toMime(email);
                byMessage.put(message, email);
                messages.add(message);
            } catch (MessagingException | RuntimeException e) {
                // Cannot even be built (e.g. an address the mail library refuses): no relay will take it.
                results.add(new SendResult.Refused(email.id(), Failure.PERMANENT, "cannot build the message: " + e));
            }
        }
        Map<Object, Exception> failed = Map.of();
        try {
            mailSender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailAuthenticationException e) {
            // Wrong credentials are the relay's (or our configuration's) problem, not the emails'.
            failed = allFailed(messages, e);
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty() && onlyTheGoodbyeFailed(e)) {
                // Every message had its "250 OK"; only QUIT broke. They are sent: sending the batch
                // again would hand every one of them to the relay twice.
                failed = Map.of();
            } else {
                failed = e.getFailedMessages().isEmpty() ? allFailed(messages, e) : e.getFailedMessages();
            }
        } catch (MailException e) {
            failed = allFailed(messages, e);
        }
        for (MimeMessage message : messages) {
            OutgoingEmail email = byMessage.get(message);
            Exception failure = failed.get(message);
            if (failure == null) {
                results.add(new SendResult.Accepted(email.id(), messageId(email), email.email().recipients(), List.of()));
            } else {
                results.add(outcome(email, failure));
            }
        }
        return results;
    }

    /** Spring's JavaMailSenderImpl says so when closing the connection failed after every message was sent. */
    private static boolean onlyTheGoodbyeFailed(MailSendException e) {
        String message = e.getMessage();
        return message != null && message.startsWith("Failed to close server connection after message sending");
    }

    private static Map<Object, Exception> allFailed(List<MimeMessage> messages, Exception e) {
        Map<Object, Exception> failed = new IdentityHashMap<>();
        messages.forEach(m -> failed.put(m, e));
        return failed;
    }

    private SendResult outcome(OutgoingEmail email, Exception failure) {
        // sendpartial: the relay refused some recipients and delivered to the rest. That is sent.
        SendFailedException partial = find(failure, SendFailedException.class);
        if (partial != null && partial.getValidSentAddresses() != null && partial.getValidSentAddresses().length > 0) {
            return new SendResult.Accepted(email.id(), messageId(email), addresses(partial.getValidSentAddresses()),
                    addresses(partial.getInvalidAddresses()));
        }
        return new SendResult.Refused(email.id(), classify(failure), describe(failure));
    }

    /** Connection refused or timed out → the relay is down; 4xx → try later; 5xx → give up. */
    static Failure classify(Throwable failure) {
        if (find(failure, MailAuthenticationException.class) != null
                || find(failure, jakarta.mail.AuthenticationFailedException.class) != null) {
            return Failure.RELAY_UNAVAILABLE;
        }
        Integer code = replyCode(failure);
        if (code != null) {
            return code >= 500 ? Failure.PERMANENT : Failure.TRANSIENT;
        }
        if (failure instanceof MailSendException send && send.getMessage() != null
                && send.getMessage().startsWith("Mail server connection failed")) {
            return Failure.RELAY_UNAVAILABLE;
        }
        if (find(failure, MailConnectException.class) != null || find(failure, ConnectException.class) != null
                || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return Failure.RELAY_UNAVAILABLE;
        }
        // Anything else broke the conversation half-way (a reset, a read timeout): worth another try.
        return Failure.TRANSIENT;
    }

    private static Integer replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            int code = switch (t) {
                case SMTPSendFailedException e -> e.getReturnCode();
                case SMTPAddressFailedException e -> e.getReturnCode();
                case SMTPSenderFailedException e -> e.getReturnCode();
                default -> -1;
            };
            if (code >= 400) {
                return code;
            }
        }
        return null;
    }

    private MimeMessage toMime(OutgoingEmail outgoing) throws MessagingException {
        ComposedEmail email = outgoing.email();
        MimeMessage message = mailSender.createMimeMessage();
        message.setFrom(from);
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        List<InternetAddress> to = new ArrayList<>();
        for (String recipient : email.recipients()) {
            to.add(new InternetAddress(recipient, true));
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        // JavaMailSenderImpl keeps an explicitly set Message-ID when it saves the message.
        message.setHeader("Message-ID", messageId(outgoing));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Upshift-Kind", outgoing.kind().key());
        message.setHeader("X-Upshift-Campaign", outgoing.campaignId());
        if (!outgoing.orgId().isEmpty()) {
            message.setHeader("X-Upshift-Org", outgoing.orgId());
        }

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        if (email.attachments().isEmpty()) {
            message.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (ComposedEmail.Attachment attachment : email.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new ByteArrayDataSource(attachment.content(), attachment.contentType() + "; charset=UTF-8")));
                part.setFileName(attachment.fileName());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        return message;
    }

    private String messageId(OutgoingEmail email) {
        return "<" + email.id() + "@" + messageIdDomain + ">";
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of()
                : Arrays.stream(addresses).map(a -> a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
                        .toList();
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = next(t)) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Follows causes and MessagingException's chained "next" exceptions, without looping. */
    private static Throwable next(Throwable t) {
        Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException()
                : t.getCause();
        return next == t ? null : next;
    }
}
