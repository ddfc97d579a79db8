package io.upshift.salesforce.stub;

/** Failures the stub can answer instead of the real response, as Salesforce sends them. */
public enum StubFault {
    /** HTTP 403 {@code REQUEST_LIMIT_EXCEEDED}: the org's API request limit is used up. */
    REQUEST_LIMIT_EXCEEDED,
    /** HTTP 500 {@code UNKNOWN_EXCEPTION}: an unexpected error inside Salesforce. */
    SERVER_ERROR,
    /** HTTP 503 with an HTML body: the instance is down for maintenance. */
    SERVICE_UNAVAILABLE,
    /**
     * HTTP 503 although the call was carried out: the change is made, the answer is lost on its way
     * back (a proxy or load balancer timing out), so the client believes it failed.
     */
    UNAVAILABLE_AFTER_APPLYING,
    /** HTTP 401 {@code INVALID_SESSION_ID}: the session expired (the token is revoked too). */
    SESSION_EXPIRED,
    /**
     * For composite tree inserts: HTTP 400 with a per-record {@code UNKNOWN_EXCEPTION}, "Something
     * bad has happened" — the batch must be retried.
     */
    SOMETHING_BAD_HAS_HAPPENED
}
