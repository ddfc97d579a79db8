package io.upshift.notifier.email.domain;

import java.time.Instant;
import java.util.Set;

/** Turns a queued email of some kinds into the email to send, from what the notifier knows now. */
public interface EmailComposer {

    Set<EmailKind> kinds();

    Composition compose(QueuedEmail email, Instant now);
}
