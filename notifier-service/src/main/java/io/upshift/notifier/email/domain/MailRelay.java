package io.upshift.notifier.email.domain;

import java.util.List;

/** The SMTP relay: sends a batch of emails (over one connection where it can) and says what became of each. */
public interface MailRelay {

    List<SendResult> send(List<OutgoingEmail> emails);
}
