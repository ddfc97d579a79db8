package io.upshift.resilience;

import io.upshift.devstack.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the SMTP server received for one campaign. The server keeps one copy per recipient; an
 * email is one Message-ID, and an email the notifier handed to the relay twice shows up as more
 * copies of that Message-ID than it has recipients.
 */
final class Mailbox {

    /** kind → org (or "-" for the publisher's reports) → distinct emails. */
    private final Map<String, Map<String, Integer>> byKind = new HashMap<>();
    /** Message-IDs received more often than they have recipients: sent twice. */
    private final Map<String, Integer> sentTwice = new LinkedHashMap<>();

    private Mailbox() {
    }

    static Mailbox of(SmtpServer smtp, String campaignId) {
        Mailbox mailbox = new Mailbox();
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Integer> recipients = new HashMap<>();
        try {
            for (MimeMessage message : smtp.receivedMessages()) {
                if (!campaignId.equals(message.getHeader("X-Upshift-Campaign", null))) {
                    continue;
                }
                String id = message.getMessageID();
                if (copies.merge(id, 1, Integer::sum) > 1) {
                    continue;
                }
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                recipients.put(id, to == null ? 1 : (int) Arrays.stream(to).map(Address::toString).distinct().count());
                String kind = message.getHeader("X-Upshift-Kind", null);
                String org = message.getHeader("X-Upshift-Org", null);
                mailbox.byKind.computeIfAbsent(kind, k -> new HashMap<>()).merge(org == null ? "-" : org, 1, Integer::sum);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read a received mail: " + e.getMessage(), e);
        }
        copies.forEach((id, n) -> {
            if (n > recipients.get(id)) {
                mailbox.sentTwice.put(id, n);
            }
        });
        return mailbox;
    }

    /** Distinct emails of this kind, by org. */
    Map<String, Integer> kind(String kind) {
        return byKind.getOrDefault(kind, Map.of());
    }

    int count(String kind) {
        return kind(kind).values().stream().mapToInt(Integer::intValue).sum();
    }

    Map<String, Integer> sentTwice() {
        return sentTwice;
    }

    @Override
    public String toString() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byKind.keySet().stream().sorted().forEach(k -> counts.put(k, count(k)));
        return counts + (sentTwice.isEmpty() ? "" : " sent twice: " + sentTwice);
    }
}
