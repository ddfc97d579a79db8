package io.upshift.security.apikey.jdbc;

import io.upshift.security.access.domain.Role;
import io.upshift.security.apikey.domain.ApiKey;
import io.upshift.security.apikey.domain.ApiKeyStore;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys in the {@code api_key} table (V40__api_security.sql). */
public class JdbcApiKeyStore implements ApiKeyStore {

    private final JdbcClient jdbc;

    public JdbcApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(ApiKey key, byte[] hash) {
        jdbc.sql("""
                insert into api_key (key_id, name, key_hash, roles, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), key.name(), hash, key.roles().stream().map(Role::name).sorted().toArray(String[]::new),
                        key.createdBy(), ts(key.createdAt()), ts(key.expiresAt()))
                .update();
    }

    @Override
    public Optional<Stored> findWithHash(String id) {
        return jdbc.sql("select * from api_key where key_id = ?").param(id)
                .query((rs, row) -> new Stored(map(rs, row), rs.getBytes("key_hash"))).optional();
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return jdbc.sql("select * from api_key where key_id = ?").param(id).query(JdbcApiKeyStore::map).optional();
    }

    @Override
    public List<ApiKey> list(boolean includeRevoked, int offset, int limit) {
        return jdbc.sql("""
                select * from api_key where ? or revoked_at is null
                order by created_at desc, key_id limit ? offset ?""")
                .params(includeRevoked, limit, offset).query(JdbcApiKeyStore::map).list();
    }

    @Override
    public boolean revoke(String id, String by, Instant at) {
        return jdbc.sql("update api_key set revoked_at = ?, revoked_by = ? where key_id = ? and revoked_at is null")
                .params(ts(at), by, id).update() == 1;
    }

    @Override
    public void touch(String id, Instant at, Duration resolution) {
        jdbc.sql("update api_key set last_used_at = ? where key_id = ? and (last_used_at is null or last_used_at < ?)")
                .params(ts(at), id, ts(at.minus(resolution))).update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getString("key_id"), rs.getString("name"), roles(rs.getArray("roles")),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"), rs.getString("revoked_by"), instant(rs, "last_used_at"));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        // a role this version does not know (written by a newer one) grants nothing rather than failing the call
        Set<Role> roles = Arrays.stream((String[]) array.getArray()).map(Role::named).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return roles;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A timestamptz parameter. */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
