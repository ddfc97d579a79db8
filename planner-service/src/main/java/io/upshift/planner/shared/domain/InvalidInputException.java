package io.upshift.planner.shared.domain;

/**
 * A request value is malformed in a way bean validation cannot see (an org id in a path, a
 * filter that names nothing): HTTP 400 naming the field.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field name. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
