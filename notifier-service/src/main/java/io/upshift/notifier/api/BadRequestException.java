package io.upshift.notifier.api;

/** A request that can never succeed as sent (400), e.g. a path variable that is not an email address. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
