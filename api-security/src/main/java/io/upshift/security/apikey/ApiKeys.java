package io.upshift.security.apikey;

import io.upshift.security.access.domain.Role;
import io.upshift.security.apikey.domain.ApiKey;
import io.upshift.security.apikey.domain.ApiKeyStore;
import io.upshift.security.apikey.domain.ApiKeyToken;
import io.upshift.security.apikey.domain.Bootstrap;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, checks and revokes API keys. A key is shown once, when it is created; afterwards only
 * its hash exists. A presented key is accepted while it is neither revoked nor expired; revoking
 * takes effect on the next call (nothing is cached).
 */
public class ApiKeys {

    private final ApiKeyStore store;
    private final Optional<Bootstrap> bootstrap;
    private final Clock clock;
    private final Duration touchResolution;
    private final SecureRandom random = new SecureRandom();

    public ApiKeys(ApiKeyStore store, Optional<Bootstrap> bootstrap, Clock clock, Duration touchResolution) {
        this.store = store;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.touchResolution = touchResolution;
    }

    /** A new key and its one-time value. */
    public Created create(String name, Set<Role> roles, Instant expiresAt, String createdBy) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must lie in the future");
        }
        ApiKeyToken token = ApiKeyToken.generate(random);
        ApiKey key = new ApiKey(token.id(), name, roles, createdBy, now, expiresAt, null, null, null);
        store.insert(key, token.hash());
        return new Created(key, token.value());
    }

    /** The key a caller presented, if it is a usable one. */
    public Optional<ApiKey> authenticate(String presented) {
        if (bootstrap.isPresent() && bootstrap.get().matches(presented)) {
            return Optional.of(bootstrap.get().key());
        }
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presented);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<ApiKeyStore.Stored> stored = store.findWithHash(token.get().id());
        if (stored.isEmpty() || !token.get().matches(stored.get().hash())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ApiKey key = stored.get().key();
        if (key.stateAt(now) != ApiKey.State.ACTIVE) {
            return Optional.empty();
        }
        try {
            store.touch(key.id(), now, touchResolution);
        } catch (RuntimeException notRecorded) {
            // when a key was last used is worth knowing, not worth refusing a valid key for
        }
        return Optional.of(key);
    }

    public Optional<ApiKey> find(String id) {
        return store.find(id);
    }

    public List<ApiKey> list(boolean includeRevoked, int offset, int limit) {
        return store.list(includeRevoked, offset, limit);
    }

    /** Revokes a key; false when there is no such key or it was revoked already. */
    public boolean revoke(String id, String by) {
        return store.revoke(id, by, clock.instant());
    }

    public Instant now() {
        return clock.instant();
    }

    /** A created key and the value its holder must keep: it is never shown again. */
    public record Created(ApiKey key, String value) {

        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }
}
