package io.upshift.notifier.email.domain;

import java.time.Instant;

/** What composing a queued email came to, just before sending it. */
public sealed interface Composition {

    /** Send this. */
    record Ready(ComposedEmail email) implements Composition {
    }

    /**
     * Not yet: what the email needs has not arrived (an outcome ahead of the org's notice, a report
     * whose wave's outcomes are still coming in). Tried again at {@code retryAt}; not a failed attempt.
     */
    record NotYet(Instant retryAt, String why) implements Composition {
    }

    /** Never: there is no one to send it to or nothing to say. The row is marked FAILED with the reason. */
    record Abandon(String reason) implements Composition {
    }
}
