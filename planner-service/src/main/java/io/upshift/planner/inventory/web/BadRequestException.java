package io.upshift.planner.inventory.web;

/** A path or query parameter that cannot be used (a malformed id, an unknown filter value): HTTP 400. */
class BadRequestException extends RuntimeException {

    private final String field;
    private final String rejectedValue;

    BadRequestException(String field, String rejectedValue, String message) {
        super(message);
        this.field = field;
        this.rejectedValue = rejectedValue;
    }

    String field() {
        return field;
    }

    String rejectedValue() {
        return rejectedValue;
    }
}
