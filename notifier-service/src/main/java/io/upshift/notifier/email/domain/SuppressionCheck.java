package io.upshift.notifier.email.domain;

import java.util.Collection;
import java.util.Set;

/**
 * The sender's question to the suppression list: which of these recipients must not be mailed. Asked
 * when an email is sent, not when it is queued, so an address suppressed in between still gets nothing.
 * A port of the email feature; the {@code suppression} feature, which sits above it, answers it.
 */
public interface SuppressionCheck {

    /** Which of the addresses are suppressed, as given. */
    Set<String> suppressedAmong(Collection<String> addresses);
}
