package io.upshift.security.apikey.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where API keys are kept: their hashes and what they allow. */
public interface ApiKeyStore {

    void insert(ApiKey key, byte[] hash);

    /** The key with its stored hash, to check a presented key against. */
    Optional<Stored> findWithHash(String id);

    Optional<ApiKey> find(String id);

    /** Newest first. */
    List<ApiKey> list(boolean includeRevoked, int offset, int limit);

    /** Marks the key revoked unless it is already; false when there is no such key or it was revoked before. */
    boolean revoke(String id, String by, Instant at);

    /** Records a use of the key, at most once per {@code resolution}, so a busy script does not write on every call. */
    void touch(String id, Instant at, java.time.Duration resolution);

    record Stored(ApiKey key, byte[] hash) {
    }
}
