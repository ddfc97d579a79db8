package io.upshift.notifier.email.domain;

import java.util.List;
import java.util.Objects;

/**
 * An email ready to hand to the SMTP relay: recipients already validated and filtered, subject
 * free of line breaks, a plain-text and an HTML body of the same content, optional attachments.
 */
public record ComposedEmail(List<String> recipients, String subject, String text, String html,
        List<Attachment> attachments) {

    public ComposedEmail {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        attachments = List.copyOf(attachments);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an email needs at least one recipient");
        }
        if (HeaderText.hasLineBreakOrControl(subject)) {
            throw new IllegalArgumentException("the subject contains a line break or control character");
        }
    }

    public ComposedEmail withRecipients(List<String> kept) {
        return new ComposedEmail(kept, subject, text, html, attachments);
    }

    /** A file attached to the email, e.g. the CSV of failed orgs. */
    public record Attachment(String fileName, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}
