package io.upshift.fleet.world;

import io.upshift.fleet.generator.SimulatedOrg;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The world's tables in PostgreSQL: each org's installed version and counters, and every push
 * job. Every write takes a whole batch through {@code unnest} arrays, one statement per kind,
 * so a thousand pushes cost a handful of round trips.
 */
final class WorldStore {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    private final DataSource dataSource;
    private final String schema;

    WorldStore(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Creates the tables unless they exist; replicas starting together serialise on an advisory lock. */
    void createSchema() throws SQLException {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + ("upshift.fleet.world." + schema).hashCode() + ")");
                statement.execute("create schema if not exists " + schema);
                statement.execute("""
                        create table if not exists %s.org (
                          org_id varchar(18) primary key,
                          instance varchar(40),
                          installed_version varchar(40),
                          beta boolean not null default false,
                          status varchar(16) not null default 'ACTIVE',
                          seeded boolean not null default false,
                          push_jobs integer not null default 0,
                          upgrades integer not null default 0,
                          refused_calls integer not null default 0,
                          push_blocked boolean not null default false)""".formatted(schema));
                statement.execute("alter table " + schema + ".org add column if not exists push_blocked boolean not null"
                        + " default false");
                statement.execute("""
                        create table if not exists %s.push_job (
                          job_id bigserial primary key,
                          org_id varchar(18) not null,
                          target_version varchar(40) not null,
                          reference uuid,
                          status varchar(16) not null,
                          created_at timestamptz not null,
                          start_at timestamptz not null,
                          finish_at timestamptz not null,
                          finished_at timestamptz,
                          error_type varchar(40),
                          error_title text,
                          error_details text)""".formatted(schema));
                // At most one live (not failed) job per org and version: what makes a second push adopt the first.
                statement.execute("create unique index if not exists push_job_live on " + schema
                        + ".push_job (org_id, target_version) where status <> 'FAILED'");
                statement.execute("create index if not exists push_job_org on " + schema + ".push_job (org_id)");
            }
            connection.commit();
        }
    }

    /**
     * Plans every statement of the transaction for its own arguments. A pooled connection
     * otherwise settles on a generic plan made while the tables were nearly empty — a sequential
     * scan — and keeps it as they grow to thousands of orgs: each batch lookup then reads the whole
     * table once per id in its array.
     */
    void preferCustomPlans(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local plan_cache_mode = force_custom_plan");
        }
    }

    /** Writes (or overwrites) orgs as the generator describes them; their counters are kept. */
    void seed(List<SimulatedOrg> orgs) throws SQLException {
        int n = orgs.size();
        String[] ids = new String[n];
        String[] instances = new String[n];
        String[] versions = new String[n];
        Boolean[] betas = new Boolean[n];
        String[] statuses = new String[n];
        Boolean[] blocked = new Boolean[n];
        for (int i = 0; i < n; i++) {
            SimulatedOrg org = orgs.get(i);
            blocked[i] = org.pushBlocked();
            ids[i] = org.orgId();
            instances[i] = org.instance();
            versions[i] = org.installedVersion();
            betas[i] = org.betaInstalled();
            statuses[i] = org.status() == null ? "ACTIVE" : org.status().toUpperCase(java.util.Locale.ROOT);
        }
        try (Connection connection = connection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into %s.org (org_id, instance, installed_version, beta, status, push_blocked, seeded)
                        select o, i, v, b, s, k, true
                        from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[], ?::varchar[], ?::boolean[])
                          as x(o, i, v, b, s, k)
                        on conflict (org_id) do update set instance = excluded.instance,
                          installed_version = excluded.installed_version, beta = excluded.beta,
                          status = excluded.status, push_blocked = excluded.push_blocked, seeded = true""".formatted(schema))) {
            upsert.setArray(1, connection.createArrayOf("varchar", ids));
            upsert.setArray(2, connection.createArrayOf("varchar", instances));
            upsert.setArray(3, connection.createArrayOf("varchar", versions));
            upsert.setArray(4, connection.createArrayOf("boolean", betas));
            upsert.setArray(5, connection.createArrayOf("varchar", statuses));
            upsert.setArray(6, connection.createArrayOf("boolean", blocked));
            upsert.executeUpdate();
        }
    }

    /** Sets whether the org's subscriber blocks pushes (an org never seen is registered without the package). */
    void blockPushes(String orgId, boolean blocked) throws SQLException {
        try (Connection connection = connection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into %s.org (org_id, push_blocked) values (?, ?)
                        on conflict (org_id) do update set push_blocked = excluded.push_blocked""".formatted(schema))) {
            upsert.setString(1, orgId);
            upsert.setBoolean(2, blocked);
            upsert.executeUpdate();
        }
    }

    /** An org row as the world stores it. */
    record OrgRow(String orgId, String instance, String installedVersion, boolean beta, String status,
            int pushJobs, int refusedCalls, boolean pushBlocked) {
    }

    /** A push job row. {@code errorType} null means the job succeeds (or succeeded). */
    record JobRow(long jobId, String orgId, String targetVersion, UUID reference, String status,
            Instant finishAt, String errorType, String errorTitle, String errorDetails) {
    }

    /** A job about to be inserted. */
    record NewJob(String orgId, String targetVersion, UUID reference, Instant createdAt, Instant startAt,
            Instant finishAt, PushErrorType failure) {
    }

    /** Registers orgs never seen before with the version their command assumed; known orgs stay as they are. */
    void registerAssumed(Connection connection, List<String[]> orgIdInstanceVersion) throws SQLException {
        if (orgIdInstanceVersion.isEmpty()) {
            return;
        }
        int n = orgIdInstanceVersion.size();
        String[] ids = new String[n];
        String[] instances = new String[n];
        String[] versions = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = orgIdInstanceVersion.get(i)[0];
            instances[i] = orgIdInstanceVersion.get(i)[1];
            versions[i] = orgIdInstanceVersion.get(i)[2];
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into %s.org (org_id, instance, installed_version)
                select o, i, v from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as x(o, i, v)
                on conflict (org_id) do nothing""".formatted(schema))) {
            insert.setArray(1, connection.createArrayOf("varchar", ids));
            insert.setArray(2, connection.createArrayOf("varchar", instances));
            insert.setArray(3, connection.createArrayOf("varchar", versions));
            insert.executeUpdate();
        }
    }

    Map<String, OrgRow> readOrgs(Connection connection, Collection<String> orgIds) throws SQLException {
        Map<String, OrgRow> rows = new HashMap<>(orgIds.size() * 2);
        try (PreparedStatement select = connection.prepareStatement("""
                select org_id, instance, installed_version, beta, status, push_jobs, refused_calls, push_blocked
                from %s.org where org_id = any(?)""".formatted(schema))) {
            select.setArray(1, varchars(connection, orgIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new OrgRow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getBoolean(8)));
                }
            }
        }
        return rows;
    }

    /** Jobs of these orgs that have not failed (in progress or succeeded), keyed by org id and version. */
    Map<String, JobRow> liveJobs(Connection connection, Collection<String> orgIds) throws SQLException {
        return jobs(connection, orgIds, "status <> 'FAILED'");
    }

    /** Succeeded jobs of these orgs, keyed by org id and version. */
    Map<String, JobRow> succeededJobs(Connection connection, Collection<String> orgIds) throws SQLException {
        return jobs(connection, orgIds, "status = 'SUCCEEDED'");
    }

    private Map<String, JobRow> jobs(Connection connection, Collection<String> orgIds, String condition)
            throws SQLException {
        Map<String, JobRow> rows = new HashMap<>(orgIds.size() * 2);
        try (PreparedStatement select = connection.prepareStatement("""
                select job_id, org_id, target_version, reference, status, finish_at, error_type, error_title, error_details
                from %s.push_job where org_id = any(?) and %s""".formatted(schema, condition))) {
            select.setArray(1, varchars(connection, orgIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    JobRow row = new JobRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7), rs.getString(8),
                            rs.getString(9));
                    rows.put(key(row.orgId(), row.targetVersion()), row);
                }
            }
        }
        return rows;
    }

    static String key(String orgId, String version) {
        return orgId + '|' + version;
    }

    /**
     * Inserts the jobs unless a live job of the same org and version exists (another replica was
     * faster); returns the ids of those inserted, keyed by org id and version.
     */
    Map<String, Long> insertJobs(Connection connection, List<NewJob> jobs) throws SQLException {
        Map<String, Long> inserted = new HashMap<>(jobs.size() * 2);
        if (jobs.isEmpty()) {
            return inserted;
        }
        int n = jobs.size();
        String[] orgs = new String[n];
        String[] versions = new String[n];
        UUID[] references = new UUID[n];
        Long[] created = new Long[n];
        Long[] starts = new Long[n];
        Long[] finishes = new Long[n];
        String[] types = new String[n];
        String[] titles = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            NewJob job = jobs.get(i);
            orgs[i] = job.orgId();
            versions[i] = job.targetVersion();
            references[i] = job.reference();
            created[i] = job.createdAt().toEpochMilli();
            starts[i] = job.startAt().toEpochMilli();
            finishes[i] = job.finishAt().toEpochMilli();
            types[i] = job.failure() == null ? null : job.failure().salesforceName();
            titles[i] = job.failure() == null ? null : job.failure().title();
            details[i] = job.failure() == null ? null : job.failure().details();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into %s.push_job (org_id, target_version, reference, status, created_at, start_at, finish_at,
                  error_type, error_title, error_details)
                select o, v, r, 'IN_PROGRESS', to_timestamp(c / 1000.0), to_timestamp(s / 1000.0),
                  to_timestamp(f / 1000.0), e, t, d
                from unnest(?::varchar[], ?::varchar[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[],
                  ?::varchar[], ?::text[], ?::text[]) as x(o, v, r, c, s, f, e, t, d)
                on conflict (org_id, target_version) where status <> 'FAILED' do nothing
                returning job_id, org_id, target_version""".formatted(schema))) {
            insert.setArray(1, connection.createArrayOf("varchar", orgs));
            insert.setArray(2, connection.createArrayOf("varchar", versions));
            insert.setArray(3, connection.createArrayOf("uuid", references));
            insert.setArray(4, connection.createArrayOf("bigint", created));
            insert.setArray(5, connection.createArrayOf("bigint", starts));
            insert.setArray(6, connection.createArrayOf("bigint", finishes));
            insert.setArray(7, connection.createArrayOf("varchar", types));
            insert.setArray(8, connection.createArrayOf("text", titles));
            insert.setArray(9, connection.createArrayOf("text", details));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.put(key(rs.getString(2), rs.getString(3)), rs.getLong(1));
                }
            }
        }
        return inserted;
    }

    /** Adds to the orgs' counters of started jobs and of refused calls. */
    void count(Connection connection, Map<String, Integer> jobsStarted, Map<String, Integer> callsRefused)
            throws SQLException {
        Map<String, int[]> both = new HashMap<>();
        jobsStarted.forEach((org, n) -> both.computeIfAbsent(org, k -> new int[2])[0] += n);
        callsRefused.forEach((org, n) -> both.computeIfAbsent(org, k -> new int[2])[1] += n);
        if (both.isEmpty()) {
            return;
        }
        List<String> orgs = new ArrayList<>(both.keySet());
        orgs.sort(null); // one lock order for every replica: concurrent batches cannot deadlock on these rows
        Integer[] jobs = new Integer[orgs.size()];
        Integer[] refused = new Integer[orgs.size()];
        for (int i = 0; i < orgs.size(); i++) {
            jobs[i] = both.get(orgs.get(i))[0];
            refused[i] = both.get(orgs.get(i))[1];
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update %s.org o set push_jobs = o.push_jobs + x.j, refused_calls = o.refused_calls + x.r
                from unnest(?::varchar[], ?::integer[], ?::integer[]) as x(org_id, j, r)
                where o.org_id = x.org_id""".formatted(schema))) {
            update.setArray(1, varchars(connection, orgs));
            update.setArray(2, connection.createArrayOf("integer", jobs));
            update.setArray(3, connection.createArrayOf("integer", refused));
            update.executeUpdate();
        }
    }

    /**
     * Ends jobs still in progress: each gets the status decided when it started, and an org whose
     * job succeeded gets the new version. Jobs another replica has ended already are left alone,
     * so the org's upgrade is counted once.
     */
    void finish(Connection connection, Collection<Long> jobIds, Instant at) throws SQLException {
        if (jobIds.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("""
                with done as (
                  update %1$s.push_job j
                  set status = case when j.error_type is null then 'SUCCEEDED' else 'FAILED' end,
                      finished_at = to_timestamp(? / 1000.0)
                  where j.job_id = any(?) and j.status = 'IN_PROGRESS'
                  returning j.org_id, j.target_version, j.status)
                update %1$s.org o
                set installed_version = d.target_version, beta = false, upgrades = o.upgrades + 1
                from done d
                where o.org_id = d.org_id and d.status = 'SUCCEEDED'""".formatted(schema))) {
            update.setLong(1, at.toEpochMilli());
            update.setArray(2, connection.createArrayOf("bigint", jobIds.toArray(Long[]::new)));
            update.executeUpdate();
        }
    }

    WorldReport report() throws SQLException {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("""
                    select (select count(*) from %1$s.org),
                           (select count(*) from %1$s.push_job),
                           (select count(*) from %1$s.push_job where status = 'IN_PROGRESS'),
                           (select coalesce(sum(upgrades), 0) from %1$s.org),
                           (select count(*) from %1$s.org where upgrades > 1),
                           (select count(*) from (select org_id from %1$s.push_job group by org_id having count(*) > 1) m)
                    """.formatted(schema))) {
                rs.next();
                return new WorldReport(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6));
            }
        }
    }

    Map<String, OrgState> orgStates(Collection<String> orgIds) throws SQLException {
        Map<String, OrgState> states = new HashMap<>(orgIds.size() * 2);
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("""
                        select o.org_id, o.installed_version, o.upgrades,
                          (select count(*) from %1$s.push_job j where j.org_id = o.org_id)
                        from %1$s.org o where o.org_id = any(?)""".formatted(schema))) {
            select.setArray(1, varchars(connection, orgIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1),
                            new OrgState(rs.getString(1), rs.getString(2), rs.getInt(4), rs.getInt(3)));
                }
            }
        }
        return states;
    }

    /** When each push job of these orgs starts (its scheduled start, or the call when none), in order; orgs without jobs are absent. */
    Map<String, List<Instant>> pushStarts(Collection<String> orgIds) throws SQLException {
        Map<String, List<Instant>> starts = new HashMap<>();
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("""
                        select org_id, start_at from %s.push_job where org_id = any(?)
                        order by org_id, start_at""".formatted(schema))) {
            select.setArray(1, varchars(connection, orgIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    starts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return starts;
    }

    private static Array varchars(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray(String[]::new));
    }
}
