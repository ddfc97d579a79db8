package io.upshift.bench.endtoend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable minimum's PostgreSQL side (#21): one row per org, written once per hop — when its
 * command is released and when its outcome is read — one UPDATE of a whole batch in one
 * transaction, nothing else: no command rows, no outbox, no counters, no gate. Any design that
 * keeps each org's state durable pays at least this.
 */
public final class DurableState {

    /** Releases per transaction: the planner's {@code max-releases-per-round}. */
    public static final int RELEASE_BATCH = 2_000;
    /** Outcomes per transaction: the planner's tracking {@code max-batch}. */
    public static final int OUTCOME_BATCH = 500;
    /** Outcome consumers: the planner's tracking {@code concurrency}. */
    public static final int OUTCOME_CONSUMERS = 2;

    private final DataSource database;
    private final String table;

    public DurableState(DataSource database, String table) {
        this.database = database;
        this.table = table;
    }

    /** A fresh table with every org waiting, as the planner's targets are before the first release. */
    public void create(List<String> orgIds) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
            s.execute("create table " + table + " (org_id text primary key, state text not null, "
                    + "updated_at timestamptz not null)");
            try (PreparedStatement insert = c.prepareStatement("insert into " + table
                    + " select o, 'NOTIFIED', now() from unnest(?::text[]) as v(o)")) {
                insert.setArray(1, c.createArrayOf("text", orgIds.toArray()));
                insert.executeUpdate();
            }
            s.execute("analyze " + table);
        }
    }

    void released(List<String> orgIds) {
        move(orgIds, "DISPATCHED");
    }

    void applied(List<String> orgIds) {
        move(orgIds, "SUCCEEDED");
    }

    public void drop() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
        }
    }

    private void move(List<String> orgIds, String state) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("update " + table + " o set state = ?, updated_at = now() "
                    + "from unnest(?::text[]) as v(org_id) where o.org_id = v.org_id")) {
                update.setString(1, state);
                update.setArray(2, c.createArrayOf("text", orgIds.toArray()));
                update.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("the durable minimum could not record " + orgIds.size() + " orgs " + state, e);
        }
    }
}
