package io.upshift.planner.inventory.jdbc;

import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.ImportRequest;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.planner.inventory.domain.OrgRow;
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
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an import into the inventory in one transaction, whatever the source: rows stream into a
 * temporary table with PostgreSQL's COPY as they are read (nothing of the fleet is held in
 * memory), duplicates are found in SQL, and then either the transaction is rolled back (bad rows
 * and not partial: nothing stored) or the rows are merged with {@code INSERT … ON CONFLICT}
 * into {@code subscriber_org} and {@code installed_package} in one set-based statement.
 *
 * <p>Only the columns the import provides are written; an org whose stored data already equals
 * the import is not touched (its {@code updated_at} stays), so re-importing a file is a no-op.
 * Imports are serialised with a transaction-scoped advisory lock, so two imports of overlapping
 * fleets cannot deadlock each other.
 */
@Component
public class InventoryWriter {

    /** Key of the advisory lock that serialises imports ("upshift inventory import"). */
    static final long IMPORT_LOCK = 0x5570_5368_1F77_0001L;

    private static final Map<ImportColumn, List<String>> ORG_COLUMNS = orgColumns();

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final Clock clock;

    InventoryWriter(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
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
            statement.execute("""
                    create temp table import_staging (
                        line int not null, org_id char(18) not null, org_name text, org_type text, status text,
                        instance text, time_zone text, window_days text[], window_start time, window_end time,
                        locale text, admin_emails text[], excluded boolean, excluded_note text,
                        installed_version text, major int, minor int, patch int, build int, beta boolean
                    ) on commit drop""");
        }
        Staging staging = new Staging(request);
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

        try (Statement statement = connection.createStatement()) {
            // a temp table has no statistics until analysed; without them the merge plans badly
            statement.execute("analyze import_staging");
        }
        List<RowError> errors = new ArrayList<>(staging.errors);
        long duplicates = duplicates(connection, request, errors);
        long rejected = staging.rejected + duplicates;
        errors.sort(Comparator.comparingInt(RowError::line));
        boolean truncated = staging.errorCount + duplicates > request.maxErrors();
        List<RowError> listed = errors.size() > request.maxErrors() ? errors.subList(0, request.maxErrors()) : errors;
        long rows = staging.staged + staging.rejected;

        if (rejected > 0 && !request.partial()) {
            return new ImportReport(request.source(), request.format(), rows, 0, 0, 0, rejected, listed, truncated, false);
        }
        long[] counts = staging.staged - duplicates == 0 ? new long[] {0, 0} : merge(connection, request);
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

    /** Merges the staged rows; returns {inserted, updated} org counts. */
    private long[] merge(Connection connection, ImportRequest request) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<String> columns = ORG_COLUMNS.entrySet().stream()
                .filter(entry -> request.provides(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream())
                .distinct().toList();
        String insertColumns = columns.isEmpty() ? "" : ", " + String.join(", ", columns);
        String onConflict = columns.isEmpty() ? "do nothing" : "do update set "
                + columns.stream().map(column -> column + " = excluded." + column).collect(Collectors.joining(", "))
                + ", source = excluded.source, updated_at = excluded.updated_at where ("
                + columns.stream().map(column -> "o." + column).collect(Collectors.joining(", "))
                + ") is distinct from ("
                + columns.stream().map(column -> "excluded." + column).collect(Collectors.joining(", ")) + ")";

        StringBuilder sql = new StringBuilder("with o as (insert into subscriber_org as o (org_id")
                .append(insertColumns).append(", source, updated_at) select org_id").append(insertColumns)
                .append(", ?, ? from import_staging on conflict (org_id) ").append(onConflict)
                .append(" returning o.org_id, (o.xmax = 0) as inserted)");
        boolean installs = request.provides(ImportColumn.INSTALLED_VERSION);
        if (installs) {
            // "existed" is read from the statement's snapshot: true only for orgs stored before this import
            sql.append("""
                    , p as (
                        insert into installed_package as p (org_id, package_id, installed_version, major, minor, patch,
                            build, beta, installed, updated_at)
                        select s.org_id, ?, s.installed_version, s.major, s.minor, s.patch, s.build,
                            coalesce(s.beta, v.release_state = 'BETA', false), true, ?
                        from import_staging s
                        left join package_version v on v.package_id = ? and v.version_number = s.installed_version
                        where s.installed_version is not null
                        on conflict (package_id, org_id) do update set installed_version = excluded.installed_version,
                            major = excluded.major, minor = excluded.minor, patch = excluded.patch,
                            build = excluded.build, beta = excluded.beta, installed = true,
                            updated_at = excluded.updated_at
                        where (p.installed_version, p.beta, p.installed)
                            is distinct from (excluded.installed_version, excluded.beta, true)
                        returning p.org_id,
                            exists (select 1 from subscriber_org x where x.org_id = p.org_id) as existed),
                    n as (
                        update installed_package p set installed = false, updated_at = ?
                        from import_staging s
                        where s.installed_version is null and p.package_id = ? and p.org_id = s.org_id
                            and p.installed
                        returning p.org_id)
                    select (select count(*) from o where inserted),
                        (select count(*) from (
                            select org_id from o where not inserted
                            union select org_id from p where existed
                            union select org_id from n) changed)""");
        } else {
            sql.append(" select (select count(*) from o where inserted), (select count(*) from o where not inserted)");
        }
        try (PreparedStatement merge = connection.prepareStatement(sql.toString())) {
            int i = 1;
            merge.setString(i++, request.source().name());
            merge.setObject(i++, now);
            if (installs) {
                merge.setString(i++, request.packageId());
                merge.setObject(i++, now);
                merge.setString(i++, request.packageId());
                merge.setObject(i++, now);
                merge.setString(i++, request.packageId());
            }
            try (ResultSet result = merge.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
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

    /** The sink a source writes into: good rows go to COPY, bad ones are counted and (some) listed. */
    private static final class Staging implements RowSink {

        private final ImportRequest request;
        private final List<RowError> errors = new ArrayList<>();
        private final StringBuilder line = new StringBuilder(512);
        private Writer out;
        private long staged;
        private long rejected;
        private long errorCount;

        Staging(ImportRequest request) {
            this.request = request;
        }

        @Override
        public void accept(OrgRow row) {
            count();
            staged++;
            line.setLength(0);
            CopyText.row(row, line);
            try {
                out.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void reject(List<RowError> rowErrors) {
            count();
            rejected++;
            for (RowError error : rowErrors) {
                if (errorCount++ < request.maxErrors()) {
                    errors.add(error);
                }
            }
        }

        private void count() {
            if (staged + rejected >= request.maxRows()) {
                throw new ImportTooLargeException("the import has more than " + request.maxRows()
                        + " rows; split it into several imports");
            }
        }
    }
}
