package io.upshift.security.audit.jdbc;

import io.upshift.security.audit.domain.AuditEntry;
import io.upshift.security.audit.domain.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail in the {@code api_audit} table (V40__api_security.sql). */
public class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;

    public JdbcAuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEntry e) {
        jdbc.sql("""
                insert into api_audit (at, principal, authentication, method, route, path, resource, target_id,
                                       remote_address, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(ts(e.at()), e.principal(), e.authentication() == null ? null : e.authentication().name(),
                        e.method(), e.route(), e.path(), e.resource(), e.targetId(), e.remoteAddress(), e.status())
                .update();
    }

    @Override
    public List<AuditEntry> find(Query q) {
        return jdbc.sql("""
                select * from api_audit
                where (cast(? as text) is null or resource = ?)
                  and (cast(? as text) is null or target_id = ?)
                  and (cast(? as text) is null or principal = ?)
                  and (cast(? as timestamptz) is null or at >= ?)
                  and (cast(? as timestamptz) is null or at < ?)
                  and (cast(? as bigint) is null or audit_id < ?)
                order by audit_id desc limit ?""")
                .params(q.resource(), q.resource(), q.targetId(), q.targetId(), q.principal(), q.principal(),
                        ts(q.from()), ts(q.from()), ts(q.to()), ts(q.to()), q.before(), q.before(), q.limit())
                .query(JdbcAuditLog::map).list();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        String authentication = rs.getString("authentication");
        return new AuditEntry(rs.getLong("audit_id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("principal"),
                authentication == null ? null : AuditEntry.Authentication.valueOf(authentication),
                rs.getString("method"), rs.getString("route"), rs.getString("path"), rs.getString("resource"),
                rs.getString("target_id"), rs.getString("remote_address"), rs.getInt("status"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
