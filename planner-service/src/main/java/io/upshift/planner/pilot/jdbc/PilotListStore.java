package io.upshift.planner.pilot.jdbc;

import io.upshift.planner.pilot.domain.PilotList;
import io.upshift.planner.shared.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pilot lists and their members (tables pilot_list, pilot_list_member). */
@Repository
public class PilotListStore {

    private static final String SELECT = """
            select l.*, (select count(*) from pilot_list_member m where m.list_id = l.list_id) as members
            from pilot_list l""";

    private final JdbcClient jdbc;

    PilotListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the list; false when one of that name exists already. */
    public boolean create(UUID id, String name, String description, String by, Instant now) {
        return jdbc.sql("""
                insert into pilot_list (list_id, name, description, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?) on conflict (name) do nothing""")
                .params(id, name, description, by, Sql.ts(now), Sql.ts(now)).update() == 1;
    }

    public List<PilotList> list() {
        return jdbc.sql(SELECT + " order by l.name").query(PilotListStore::map).list();
    }

    public Optional<PilotList> find(String name) {
        return jdbc.sql(SELECT + " where l.name = ?").param(name).query(PilotListStore::map).optional();
    }

    public boolean delete(String name) {
        return jdbc.sql("delete from pilot_list where name = ?").param(name).update() == 1;
    }

    /** One page of the list's members by org id after {@code after}. */
    public List<String> members(UUID listId, String after, int limit) {
        return jdbc.sql("""
                select org_id from pilot_list_member where list_id = ? and org_id > ? order by org_id limit ?""")
                .params(listId, after == null ? "" : after, limit).query(String.class).list();
    }

    /** The ids among {@code orgIds} the inventory does not know. */
    public Set<String> unknown(Collection<String> orgIds) {
        Set<String> unknown = new TreeSet<>(orgIds);
        unknown.removeAll(jdbc.sql("select org_id from subscriber_org where org_id = any(cast(? as char(18)[]))")
                .param(Sql.array(orgIds)).query(String.class).list());
        return unknown;
    }

    /** Adds members (those already on the list stay as they are); returns how many were new. */
    public int add(UUID listId, Collection<String> orgIds, Instant now) {
        int added = jdbc.sql("""
                insert into pilot_list_member (list_id, org_id, added_at)
                select ?, unnest(cast(? as char(18)[])), ? on conflict do nothing""")
                .params(listId, Sql.array(orgIds), Sql.ts(now)).update();
        touch(listId, now);
        return added;
    }

    public boolean remove(UUID listId, String orgId, Instant now) {
        boolean removed = jdbc.sql("delete from pilot_list_member where list_id = ? and org_id = ?")
                .params(listId, orgId).update() == 1;
        touch(listId, now);
        return removed;
    }

    private void touch(UUID listId, Instant now) {
        jdbc.sql("update pilot_list set updated_at = ? where list_id = ?").params(Sql.ts(now), listId).update();
    }

    private static PilotList map(ResultSet rs, int row) throws SQLException {
        return new PilotList(rs.getObject("list_id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getString("created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getLong("members"));
    }
}
