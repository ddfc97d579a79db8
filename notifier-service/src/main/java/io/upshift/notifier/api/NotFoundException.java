package io.upshift.notifier.api;

/** The resource asked for does not exist (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
