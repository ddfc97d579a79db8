package io.upshift.common.kafka;

/**
 * A record decoded fine but says something impossible (a window that ends before it starts,
 * an unknown org id format). Thrown by a consumer, it sends the record straight to the
 * dead-letter topic: retrying the same record cannot make it valid.
 */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }
}
