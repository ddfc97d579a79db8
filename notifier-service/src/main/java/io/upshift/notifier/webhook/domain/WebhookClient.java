package io.upshift.notifier.webhook.domain;

import java.time.Duration;
import java.util.Map;

/** Posts a body to a URL. */
public interface WebhookClient {

    /**
     * @return the HTTP status; throws {@link Unreachable} when none came back (timeout, refused, broken connection)
     */
    int post(String url, Map<String, String> headers, String body, Duration timeout);

    /** No answer from the receiver. */
    final class Unreachable extends RuntimeException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
