package io.upshift.notifier.testing;

import io.upshift.devstack.DevStack;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the devstack's SMTP server received, read the way a test needs it. The server is shared by
 * every test in the JVM, so tests look only at mail to their own (unique) addresses. The server
 * keeps one copy per recipient: a message to two people is two copies with the same Message-ID.
 */
public final class Mailbox {

    private Mailbox() {
    }

    /** Every copy delivered to this address (its To header names it). */
    public static List<MimeMessage> to(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : DevStack.shared().smtp().receivedMessages()) {
            if (recipients(message).contains(address)) {
                found.add(message);
            }
        }
        // A copy per recipient: keep the ones that went to this mailbox, one per Message-ID and recipient.
        return dedupeCopies(found, address);
    }

    public static List<MimeMessage> to(String address, String subjectPart) {
        return to(address).stream().filter(m -> subject(m).contains(subjectPart)).toList();
    }

    /**
     * The server stores one copy per envelope recipient and all copies carry the same To header;
     * copies beyond the number of To recipients would be a second send.
     */
    private static List<MimeMessage> dedupeCopies(List<MimeMessage> copies, String address) {
        List<MimeMessage> result = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (MimeMessage copy : copies) {
            String id = messageId(copy);
            int perSend = recipients(copy).size();
            long already = seen.stream().filter(id::equals).count();
            seen.add(id);
            // The first perSend copies of a Message-ID are one send; each further group is another send.
            if (already % perSend == 0) {
                result.add(copy);
            }
        }
        return result;
    }

    public static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? List.of() : Arrays.stream(to).map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getSubject()).orElse("");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part of this MIME type anywhere in the message, decoded. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            return find(message, mimeType).map(Mailbox::content)
                    .orElseThrow(() -> new AssertionError("no " + mimeType + " part in " + subject(message)));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<Part> attachment(MimeMessage message, String fileName) {
        try {
            return findAttachment(message, fileName);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the message as received to {@code target/eml/<name>.eml}, for a person to open and read. */
    public static void dump(MimeMessage message, String name) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "eml", name + ".eml");
            java.nio.file.Files.createDirectories(file.getParent());
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                message.writeTo(out);
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot write " + name + ".eml", e);
        }
    }

    public static String contentType(MimeMessage message) {
        try {
            return message.getContentType();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String content(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Part> find(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<Part> found = find(multipart.getBodyPart(i), mimeType);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                ? Optional.of(part) : Optional.empty();
    }

    private static Optional<Part> findAttachment(Part part, String fileName) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                Optional<Part> found = findAttachment(body, fileName);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return fileName.equals(part.getFileName()) ? Optional.of(part) : Optional.empty();
    }
}
