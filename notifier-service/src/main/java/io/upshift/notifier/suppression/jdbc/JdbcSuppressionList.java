package io.upshift.notifier.suppression.jdbc;

import io.upshift.notifier.email.domain.EmailAddresses;
import io.upshift.notifier.suppression.domain.SuppressedAddress;
import io.upshift.notifier.suppression.domain.SuppressionList;
import io.upshift.notifier.suppression.domain.SuppressionReason;
import io.upshift.notifier.support.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The suppression list in PostgreSQL, keyed by the lower-cased address. */
@Repository
class JdbcSuppressionList implements SuppressionList {

    private final JdbcClient jdbc;

    JdbcSuppressionList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> suppressedAmong(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        Map<String, List<String>> byKey = addresses.stream()
                .collect(Collectors.groupingBy(EmailAddresses::suppressionKey));
        List<String> suppressedKeys = jdbc.sql("select address from suppressed_address where address = any(?)")
                .param(byKey.keySet().toArray(String[]::new))
                .query(String.class)
                .list();
        Set<String> suppressed = new HashSet<>();
        suppressedKeys.forEach(key -> suppressed.addAll(byKey.getOrDefault(key, List.of())));
        return suppressed;
    }

    @Override
    public boolean add(SuppressedAddress entry) {
        return jdbc.sql("""
                insert into suppressed_address as s (address, reason, note, created_at) values (?, ?, ?, ?)
                on conflict (address) do update set reason = excluded.reason, note = excluded.note
                returning (xmax = 0) as inserted""")
                .params(EmailAddresses.suppressionKey(entry.address()), entry.reason().name(), entry.note(),
                        Sql.timestamp(entry.since()))
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean remove(String address) {
        return jdbc.sql("delete from suppressed_address where address = ?")
                .param(EmailAddresses.suppressionKey(address))
                .update() == 1;
    }

    @Override
    public Optional<SuppressedAddress> find(String address) {
        return jdbc.sql("select * from suppressed_address where address = ?")
                .param(EmailAddresses.suppressionKey(address))
                .query(JdbcSuppressionList::entry)
                .optional();
    }

    @Override
    public List<SuppressedAddress> list(int offset, int limit) {
        return jdbc.sql("select * from suppressed_address order by address offset ? limit ?")
                .params(offset, limit)
                .query(JdbcSuppressionList::entry)
                .list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from suppressed_address").query(Long.class).single();
    }

    private static SuppressedAddress entry(ResultSet rs, int row) throws SQLException {
        return new SuppressedAddress(rs.getString("address"), SuppressionReason.valueOf(rs.getString("reason")),
                rs.getString("note"), Sql.instant(rs, "created_at"));
    }
}
