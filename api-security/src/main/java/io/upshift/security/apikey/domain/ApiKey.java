package io.upshift.security.apikey.domain;

import io.upshift.security.access.domain.Role;
import java.time.Instant;
import java.util.Set;

/**
 * A stored API key, without its secret: who may use it for what, since when, until when.
 *
 * @param id the public part of the key ({@code upshift_<id>_…}), also its name in the audit trail
 * @param name what the key is for, e.g. {@code release-pipeline}; the principal is {@code apikey:<name>}
 * @param roles the roles its holder has
 * @param createdBy the principal that created it
 * @param expiresAt after this the key is refused (null: it does not expire)
 * @param revokedAt when an administrator revoked it (null: not revoked)
 * @param lastUsedAt when it last authenticated a call (updated at most once a minute)
 */
public record ApiKey(String id, String name, Set<Role> roles, String createdBy, Instant createdAt, Instant expiresAt,
        Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    /** Principals that come from API keys carry this prefix, so a key can never pass for a person. */
    public static final String PRINCIPAL_PREFIX = "apikey:";

    public ApiKey {
        roles = Set.copyOf(roles);
    }

    public String principal() {
        return PRINCIPAL_PREFIX + name;
    }

    public State stateAt(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return State.ACTIVE;
    }

    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }
}
