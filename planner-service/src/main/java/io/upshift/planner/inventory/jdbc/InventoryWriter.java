package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.config.InventoryProperties;
import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.ImportRequest;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an import into the inventory in one transaction, whatever the source: rows stream into a
 * temporary table with PostgreSQL's COPY as they are read (nothing of the fleet is held in
 * memory), duplicates are found in SQL, and then either the transaction is rolled back (bad rows
 * and not partial: nothing stored) or the rows are merged into {@code subscriber_org} and
 * {@code installed_package} with a few set-based statements (DESIGN.md, "The merge").
 *
 * <p>Only the columns the import provides are written; an org whose stored data already equals
 * the import is not touched (its {@code updated_at} stays), so re-importing a file is a no-op.
 * Imports are serialised with a transaction-scoped advisory lock, so two imports of overlapping
 * fleets cannot deadlock each other. An installed version that an applied push set after the import
 * began reading its source is kept: the import read the org before the push (DESIGN.md).
 */
@Component
public class InventoryWriter {

    /** From this many rows on, an import refreshes the inventory's planner statistics before and after it merges. */
    static final long LARGE_IMPORT = 10_000;

    /** Key of the advisory lock that serialises imports ("upshift inventory import"). */
    static final long IMPORT_LOCK = 0x5570_5368_1F77_0001L;

    private static final Logger log = LoggerFactory.getLogger(InventoryWriter.class);
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern.compile(
            "(?<!:):(source|now|package|started)\\b");
    private static final Map<ImportColumn, List<String>> ORG_COLUMNS = orgColumns();

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final long workMemKb;

    InventoryWriter(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock,
            InventoryProperties properties) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.workMemKb = properties.imports().workMem().toKilobytes();
    }

    /**
     * Runs one import: {@code source} puts every row into the sink it is given.
     *
     * @throws ImportTooLargeException when the source yields more than {@code request.maxRows()} rows
     * @throws RuntimeException whatever {@code source} throws (the import is rolled back)
     */
    public ImportReport write(ImportRequest request, Consumer<RowSink> source) {
        return transactions.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                ImportReport report = write(connection, request, source);
                if (!report.stored()) {
                    status.setRollbackOnly();
                }
                return report;
            } catch (SQLException e) {
                throw new IllegalStateException("import failed in the database: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("import failed writing to the database: " + e.getMessage(), e);
            }
        });
    }

    private ImportReport write(Connection connection, ImportRequest request, Consumer<RowSink> source)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
            // the merge hashes the whole import against the inventory: give it the memory for that
            statement.execute("set local work_mem = '" + workMemKb + "kB'");
            statement.execute("""
                    create temp table import_staging (
                        line int not null, org_id char(18) not null, org_name text, org_type text, status text,
                        instance text, time_zone text, window_days text[], window_start time, window_end time,
                        locale text, admin_emails text[], excluded boolean, excluded_note text,
                        installed_version text, major int, minor int, patch int, build int, beta boolean,
                        push_blocked boolean
                    ) on commit drop""");
        }
        // the source is read from here on: a push applied after this instant is newer than what it reads
        Instant began = clock.instant();
        long started = System.nanoTime();
        ImportStaging staging = new ImportStaging(request);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy import_staging from stdin");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copy, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            staging.out = out;
            source.accept(staging);
        } catch (RuntimeException | IOException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }

        long copied = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // a temp table has no statistics until analysed; without them the merge plans badly
            statement.execute("analyze import_staging");
        }
        long analysed = System.nanoTime();
        List<RowError> errors = new ArrayList<>(staging.errors);
        long duplicates = duplicates(connection, request, errors);
        long checked = System.nanoTime();
        long rejected = staging.rejected + duplicates;
        errors.sort(Comparator.comparingInt(RowError::line));
        boolean truncated = staging.errorCount + duplicates > request.maxErrors();
        List<RowError> listed = errors.size() > request.maxErrors() ? errors.subList(0, request.maxErrors()) : errors;
        long rows = staging.staged + staging.rejected;

        if (rejected > 0 && !request.partial()) {
            return new ImportReport(request.source(), request.format(), rows, 0, 0, 0, rejected, listed, truncated, false);
        }
        long[] counts = staging.staged - duplicates == 0 ? new long[] {0, 0}
                : merge(connection, new Merge(request, began, clock), staging.staged - duplicates);
        if (log.isDebugEnabled()) {
            log.debug("import of {} rows: read and COPY {} ms, analyse {} ms, duplicates {} ms, merge {} ms", rows,
                    (copied - started) / 1_000_000, (analysed - copied) / 1_000_000, (checked - analysed) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
        }
        long unchanged = staging.staged - duplicates - counts[0] - counts[1];
        return new ImportReport(request.source(), request.format(), rows, counts[0], counts[1], unchanged, rejected,
                listed, truncated, true);
    }

    /** Lists the repeated orgs (all but their first row) and, for a partial import, drops them. */
    private static long duplicates(Connection connection, ImportRequest request, List<RowError> errors)
            throws SQLException {
        String repeated = """
                from import_staging s join (
                    select org_id, min(line) as first_line from import_staging group by org_id having count(*) > 1
                ) d on d.org_id = s.org_id
                where s.line > d.first_line""";
        long count = 0;
        try (PreparedStatement query = connection.prepareStatement(
                "select s.line, s.org_id, d.first_line " + repeated + " order by s.line")) {
            query.setFetchSize(1_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (count++ < request.maxErrors()) {
                        errors.add(new RowError(rows.getInt(1), ImportColumn.ORG_ID.header(), "org "
                                + rows.getString(2) + " is already on line " + rows.getInt(3)
                                + " (15- and 18-character ids of one org are the same org)"));
                    }
                }
            }
        }
        if (count > 0 && request.partial()) {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("delete from import_staging s using (select org_id, min(line) as first_line "
                        + "from import_staging group by org_id having count(*) > 1) d "
                        + "where d.org_id = s.org_id and s.line > d.first_line");
            }
        }
        return count;
    }

    /**
     * Merges the staged rows; returns {inserted, updated} org counts. Set-based in three statements:
     * first everything about orgs that exist (changed data, changed or new installations), then the
     * new orgs, then their installations. Rows that are already as imported are only read, never
     * written or locked: {@code INSERT … ON CONFLICT DO UPDATE} would lock every one of them.
     */
    private long[] merge(Connection connection, Merge merge, long staged) throws SQLException {
        ImportRequest request = merge.request();
        List<String> columns = ORG_COLUMNS.entrySet().stream()
                .filter(entry -> request.provides(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream())
                .distinct().sorted().toList();
        boolean installs = request.provides(ImportColumn.INSTALLED_VERSION);
        // beta left out: a beta only when every version registered with that number is one (a beta and
        // its release may share "4.2.0"; the release wins, as it does for a campaign's target)
        String beta = "coalesce(s.beta, v.beta, false)";
        String version = " left join (select version_number, bool_and(release_state = 'BETA') as beta"
                + " from package_version where package_id = :package group by version_number) v"
                + " on v.version_number = s.installed_version";
        // a version an applied push set after this import began reading is newer than what it read
        String notPushedSince = "(p.pushed_at is null or p.pushed_at < :started)";

        // 1. known orgs: changed data, changed or removed installations, new installations
        List<String> changes = new ArrayList<>();
        StringBuilder knownOrgs = new StringBuilder("with ");
        if (!columns.isEmpty()) {
            knownOrgs.append("o as (update subscriber_org o set ")
                    .append(columns.stream().map(column -> column + " = s." + column).collect(Collectors.joining(", ")))
                    .append(", source = :source, updated_at = :now from import_staging s where o.org_id = s.org_id and (")
                    .append(columns.stream().map(column -> "o." + column).collect(Collectors.joining(", ")))
                    .append(") is distinct from (")
                    .append(columns.stream().map(column -> "s." + column).collect(Collectors.joining(", ")))
                    .append(") returning o.org_id), ");
            changes.add("o");
        }
        if (installs) {
            knownOrgs.append("""
                    c as (update installed_package p set installed_version = s.installed_version, major = s.major,
                            minor = s.minor, patch = s.patch, build = s.build, beta = %1$s, installed = true,
                            push_blocked = coalesce(s.push_blocked, p.push_blocked), updated_at = :now
                        from import_staging s %2$s
                        where p.package_id = :package and p.org_id = s.org_id and s.installed_version is not null
                            and (p.installed_version, p.beta, p.installed, p.push_blocked)
                                is distinct from (s.installed_version, %1$s, true, coalesce(s.push_blocked, p.push_blocked))
                            and %3$s
                        returning p.org_id),
                    n as (update installed_package p set installed = false, updated_at = :now
                        from import_staging s
                        where p.package_id = :package and p.org_id = s.org_id and s.installed_version is null
                            and p.installed and %3$s
                        returning p.org_id),
                    a as (insert into installed_package (org_id, package_id, installed_version, major, minor, patch,
                            build, beta, installed, push_blocked, updated_at)
                        select s.org_id, :package, s.installed_version, s.major, s.minor, s.patch, s.build, %1$s,
                            s.installed_version is not null, coalesce(s.push_blocked, false), :now
                        from import_staging s join subscriber_org k on k.org_id = s.org_id %2$s
                        where not exists (
                            select 1 from installed_package p where p.package_id = :package and p.org_id = s.org_id)
                        returning org_id), """.formatted(beta, version, notPushedSince));
            changes.addAll(List.of("c", "n", "a"));
        }
        // The inventory's statistics may describe it before the last large import (autovacuum analyses a
        // while after a commit, and a new package has no statistics of its own yet). Planned on those,
        // a join of a large import can turn into a nested loop over both sides: minutes, not seconds.
        boolean large = staged >= LARGE_IMPORT;
        if (large) {
            analyse(connection);
        }
        // How many of the staged orgs exist decides which statements can have work to do: a first
        // import of a fleet needs none of the joins against what is stored, a re-import no inserts.
        long known = count(connection, "select count(*) from import_staging s join subscriber_org o on o.org_id = s.org_id",
                merge);
        long updated = 0;
        long started = System.nanoTime();
        if (!changes.isEmpty() && known > 0) {
            knownOrgs.append("changed as (").append(changes.stream().map(cte -> "select org_id from " + cte)
                    .collect(Collectors.joining(" union "))).append(") select count(*) from changed");
            updated = count(connection, knownOrgs.toString(), merge);
        }
        long knownDone = System.nanoTime();

        // 2. new orgs, then 3. their installations
        long inserted = 0;
        if (known < staged) {
            List<String> orgColumns = new ArrayList<>(List.of("org_id"));
            orgColumns.addAll(columns);
            inserted = update(connection, "insert into subscriber_org (" + String.join(", ", orgColumns)
                    + ", source, updated_at) select " + orgColumns.stream().map(column -> "s." + column)
                    .collect(Collectors.joining(", ")) + ", :source, :now from import_staging s"
                    + (known == 0 ? "" : " where not exists (select 1 from subscriber_org o where o.org_id = s.org_id)"),
                    merge);
        }
        long orgsDone = System.nanoTime();
        if (installs && inserted > 0) {
            // new orgs have no installations yet; when some orgs were known, theirs were handled above. An org
            // imported for the package without it (no version) is recorded as not installed: it stays an org
            // of the package, which eligibility lists as NOT_INSTALLED instead of losing it.
            update(connection, """
                    insert into installed_package (org_id, package_id, installed_version, major, minor, patch, build,
                        beta, installed, push_blocked, updated_at)
                    select s.org_id, :package, s.installed_version, s.major, s.minor, s.patch, s.build, %s,
                        s.installed_version is not null, coalesce(s.push_blocked, false), :now
                    from import_staging s %s
                    """.formatted(beta, version) + (known == 0 ? "" : """
                        where not exists (select 1 from installed_package p where p.package_id = :package
                            and p.org_id = s.org_id)"""), merge);
        }
        if (inserted + updated >= LARGE_IMPORT) {
            // so that what plans next (the next import, a campaign's eligibility) sees the inventory as it is
            analyse(connection);
        }
        if (log.isDebugEnabled()) {
            log.debug("merge of {} orgs ({} known): known orgs {} ms, new orgs {} ms, their installations {} ms",
                    staged, known, (knownDone - started) / 1_000_000, (orgsDone - knownDone) / 1_000_000,
                    (System.nanoTime() - orgsDone) / 1_000_000);
        }
        return new long[] {inserted, updated};
    }

    private static void analyse(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze subscriber_org");
            statement.execute("analyze installed_package");
        }
    }

    private static long count(Connection connection, String sql, Merge merge) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, merge);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long update(Connection connection, String sql, Merge merge) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, merge)) {
            return statement.executeLargeUpdate();
        }
    }

    /** Binds the named parameters :source, :now, :package and :started, in the order they appear. */
    private static PreparedStatement prepare(Connection connection, String sql, Merge merge) throws SQLException {
        List<Object> values = new ArrayList<>();
        java.util.regex.Matcher names = PARAMETER.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (names.find()) {
            values.add(switch (names.group(1)) {
                case "source" -> merge.request().source().name();
                case "now" -> merge.now();
                case "package" -> merge.request().packageId();
                case "started" -> merge.started();
                default -> throw new IllegalStateException("unknown parameter " + names.group());
            });
            names.appendReplacement(jdbc, "?");
        }
        names.appendTail(jdbc);
        PreparedStatement statement = connection.prepareStatement(jdbc.toString());
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    /**
     * What a merge binds: the import, the instant it began reading its source, and the time it writes.
     */
    private record Merge(ImportRequest request, OffsetDateTime started, OffsetDateTime now) {

        Merge(ImportRequest request, Instant started, Clock clock) {
            this(request, started.atOffset(ZoneOffset.UTC), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        }
    }

    private static Map<ImportColumn, List<String>> orgColumns() {
        Map<ImportColumn, List<String>> columns = new LinkedHashMap<>();
        columns.put(ImportColumn.ORG_NAME, List.of("org_name"));
        columns.put(ImportColumn.ORG_TYPE, List.of("org_type"));
        columns.put(ImportColumn.STATUS, List.of("status"));
        columns.put(ImportColumn.INSTANCE, List.of("instance"));
        columns.put(ImportColumn.TIME_ZONE, List.of("time_zone"));
        columns.put(ImportColumn.WINDOW_DAYS, List.of("window_days", "window_start", "window_end"));
        columns.put(ImportColumn.WINDOW_START, List.of("window_days", "window_start", "window_end"));
        columns.put(ImportColumn.WINDOW_END, List.of("window_days", "window_start", "window_end"));
        columns.put(ImportColumn.LOCALE, List.of("locale"));
        columns.put(ImportColumn.ADMIN_EMAILS, List.of("admin_emails"));
        columns.put(ImportColumn.EXCLUDED, List.of("excluded"));
        columns.put(ImportColumn.EXCLUDED_NOTE, List.of("excluded_note"));
        return Map.copyOf(columns);
    }
}
