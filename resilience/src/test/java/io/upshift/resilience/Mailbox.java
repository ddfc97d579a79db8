package io.upshift.resilience;

import io.upshift.devstack.SmtpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SMTP server received, by campaign. The server keeps one copy per recipient; an email
 * is one Message-ID, and an email the notifier handed to the relay twice shows up as more copies
 * of that Message-ID than it has recipients.
 *
 * <p>The server hands out the same message objects every time, so the headers of each are read
 * once: tens of thousands of messages are not parsed again at every poll of a test that waits for
 * its emails.
 */
final class Mailbox {

    /** The headers a test asks about, of one received copy. */
    private record Copy(String campaign, String kind, String org, String messageId, int recipients) {
    }

    private final SmtpServer smtp;
    private final Map<MimeMessage, Copy> copies = new IdentityHashMap<>();

    Mailbox(SmtpServer smtp) {
        this.smtp = smtp;
    }

    /** The campaign's emails as received so far. */
    synchronized Campaign campaign(String campaignId) {
        List<Copy> ofCampaign = new ArrayList<>();
        try {
            for (MimeMessage message : smtp.receivedMessages()) {
                Copy copy = copies.get(message);
                if (copy == null) {
                    Address[] to = message.getRecipients(Message.RecipientType.TO);
                    copy = new Copy(message.getHeader("X-Upshift-Campaign", null), message.getHeader("X-Upshift-Kind", null),
                            message.getHeader("X-Upshift-Org", null), message.getMessageID(),
                            to == null ? 1 : (int) Arrays.stream(to).map(Address::toString).distinct().count());
                    copies.put(message, copy);
                }
                if (campaignId.equals(copy.campaign())) {
                    ofCampaign.add(copy);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read a received mail: " + e.getMessage(), e);
        }
        return new Campaign(ofCampaign);
    }

    /** One campaign's emails. */
    static final class Campaign {

        /** kind → org (or "-" for the publisher's reports) → distinct emails. */
        private final Map<String, Map<String, Integer>> byKind = new HashMap<>();
        /** Message-IDs received more often than they have recipients (sent twice), with what each is. */
        private final Map<String, String> sentTwice = new LinkedHashMap<>();

        private Campaign(List<Copy> copies) {
            Map<String, Integer> copiesById = new HashMap<>();
            Map<String, Copy> firstCopy = new HashMap<>();
            for (Copy copy : copies) {
                if (copiesById.merge(copy.messageId(), 1, Integer::sum) > 1) {
                    continue;
                }
                firstCopy.put(copy.messageId(), copy);
                byKind.computeIfAbsent(copy.kind(), k -> new HashMap<>())
                        .merge(copy.org() == null ? "-" : copy.org(), 1, Integer::sum);
            }
            copiesById.forEach((id, n) -> {
                Copy first = firstCopy.get(id);
                if (n > first.recipients()) {
                    sentTwice.put(id, first.kind() + " to org " + first.org() + ": " + n + " copies for "
                            + first.recipients() + " recipient(s)");
                }
            });
        }

        /** Distinct emails of this kind, by org. */
        Map<String, Integer> kind(String kind) {
            return byKind.getOrDefault(kind, Map.of());
        }

        /** Distinct emails of every kind. */
        int total() {
            return byKind.keySet().stream().mapToInt(this::count).sum();
        }

        int count(String kind) {
            return kind(kind).values().stream().mapToInt(Integer::intValue).sum();
        }

        Map<String, String> sentTwice() {
            return sentTwice;
        }

        @Override
        public String toString() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            byKind.keySet().stream().sorted().forEach(k -> counts.put(k, count(k)));
            return counts + (sentTwice.isEmpty() ? "" : " sent twice: " + sentTwice);
        }
    }
}
