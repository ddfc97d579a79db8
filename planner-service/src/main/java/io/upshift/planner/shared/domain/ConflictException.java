package io.upshift.planner.shared.domain;

/**
 * The request is valid but not in the current state of the thing it changes (an illegal state
 * transition, a concurrent update): HTTP 409, with the current state so the caller can decide.
 */
public class ConflictException extends RuntimeException {

    private final String currentState;

    public ConflictException(String message, String currentState) {
        super(message);
        this.currentState = currentState;
    }

    /** The state the thing is in now, or null when that does not apply. */
    public String currentState() {
        return currentState;
    }
}
