package io.upshift.salesforce.stub;

/** An error the stub answers the way Salesforce would: HTTP status, errorCode, message. */
final class StubApiException extends RuntimeException {

    private final int status;
    private final String errorCode;

    StubApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    static StubApiException malformedQuery(String message) {
        return new StubApiException(400, "MALFORMED_QUERY", message);
    }

    static StubApiException invalidField(String field, String entity) {
        return new StubApiException(400, "INVALID_FIELD", "No such column '" + field + "' on entity '" + entity
                + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom"
                + " field name. Please reference your WSDL or the describe call for the appropriate names.");
    }
}
