package io.upshift.security.apikey.domain;

import io.upshift.security.access.domain.Role;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The administrator key given in configuration, so that a fresh installation (or the local demo)
 * can create the first stored keys. It is kept only as a hash, like stored keys, and has the
 * ADMIN role. It is not in the database, so it cannot be revoked through the API: rotate it by
 * changing the configuration.
 */
public final class Bootstrap {

    public static final String NAME = "bootstrap-admin";
    /** A configured key must be at least this long: it guards the whole API. */
    public static final int MINIMUM_LENGTH = 32;

    private final byte[] hash;
    private final Instant since;

    private Bootstrap(byte[] hash, Instant since) {
        this.hash = hash;
        this.since = since;
    }

    /**
     * The bootstrap key for a configured value, or empty when none is configured. A value that is
     * too short is refused with a message that does not repeat it.
     */
    public static Optional<Bootstrap> of(String configured, Instant since) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        if (configured.strip().length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("the bootstrap admin key must have at least " + MINIMUM_LENGTH
                    + " characters (e.g. openssl rand -base64 32); the configured one is shorter");
        }
        return Optional.of(new Bootstrap(ApiKeyToken.sha256(configured.strip()), since));
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hash, ApiKeyToken.sha256(presented.strip()));
    }

    public ApiKey key() {
        return new ApiKey(NAME, NAME, Set.of(Role.ADMIN), "configuration", since, null, null, null, null);
    }
}
