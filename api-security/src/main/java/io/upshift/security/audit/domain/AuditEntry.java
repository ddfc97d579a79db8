package io.upshift.security.audit.domain;

import java.time.Instant;

/**
 * One state-changing call of the API, as the audit trail keeps it.
 *
 * @param id the entry's number (ascending in the order entries were written)
 * @param at when the call was answered (the service's clock)
 * @param principal who called ({@code alice}, {@code apikey:release-pipeline}); null when not authenticated
 * @param authentication how the caller proved it: JWT, API_KEY, or null
 * @param method the HTTP method
 * @param route the route as declared ({@code /api/v1/campaigns/{id}/approve}), or null when no route was reached
 * @param path the path as called
 * @param resource the collection addressed ({@code campaigns}); null outside {@code /api/v1/<collection>}
 * @param targetId the item of the collection (a campaign id, a package id…), or null
 * @param remoteAddress where the call came from, as the server saw it
 * @param status the HTTP status of the answer
 */
public record AuditEntry(long id, Instant at, String principal, Authentication authentication, String method,
        String route, String path, String resource, String targetId, String remoteAddress, int status) {

    public enum Authentication {
        JWT, API_KEY
    }
}
