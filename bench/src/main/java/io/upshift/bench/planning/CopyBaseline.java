package io.upshift.bench.planning;

import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.simulated.SimulatedFleetLoader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The planning benchmark's baseline: PostgreSQL {@code COPY} of every row planning must store — the
 * same orgs into two tables shaped like the planner's {@code subscriber_org} and
 * {@code installed_package}, and the campaign's target rows into a table shaped like
 * {@code campaign_target} (same columns, keys, indexes, and the foreign keys LIKE leaves out), in the
 * planner's own database (#21, decision 2).
 */
final class CopyBaseline {

    private CopyBaseline() {
    }

    /** Seconds for one COPY of the fleet; the tables are dropped afterwards. */
    static double seconds(DataSource database, String packageId, Supplier<Stream<SimulatedOrg>> fleet) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_installed, bench_org");
            statement.execute("create table bench_org (like subscriber_org including all)");
            statement.execute("create table bench_installed (like installed_package including all)");
            statement.execute("alter table bench_installed add foreign key (org_id) references bench_org (org_id), "
                    + "add foreign key (package_id) references package (package_id)");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            copy(connection, "copy bench_org (org_id, org_name, org_type, status, instance, time_zone, window_days, "
                    + "window_start, window_end, locale, admin_emails, source, updated_at) from stdin", fleet.get(), true, null);
            copy(connection, "copy bench_installed (org_id, package_id, installed_version, major, minor, patch, build, "
                    + "beta, installed, updated_at) from stdin", fleet.get(), false, packageId);
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table bench_installed, bench_org");
            connection.commit();
            return seconds;
        }
    }

    /** The columns planning writes per target (TargetWriter), as it writes them: PLANNED, no notice id. */
    private static final String TARGET_COLUMNS = "campaign_id, org_id, wave_number, state, org_name, org_type, instance, "
            + "from_version, window_start, window_end, expected_ms, release_by, updated_at";

    /**
     * Seconds for one COPY of a scheduled campaign's target rows — the rows planning stored, read back
     * as COPY text first (not timed) — into a table like {@code campaign_target}; dropped afterwards.
     */
    static double targetSeconds(DataSource database, String campaignId) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            CopyManager copies = connection.unwrap(PGConnection.class).getCopyAPI();
            ByteArrayOutputStream rows = new ByteArrayOutputStream(1 << 20);
            try {
                copies.copyOut("copy (select " + TARGET_COLUMNS.replace("state,", "'PLANNED',")
                        + " from campaign_target where campaign_id = '" + UUID.fromString(campaignId) + "') to stdout", rows);
            } catch (IOException e) {
                throw new SQLException("COPY out failed: " + e.getMessage(), e);
            }
            statement.execute("drop table if exists bench_target");
            statement.execute("create table bench_target (like campaign_target including all)");
            statement.execute("alter table bench_target add foreign key (campaign_id) references campaign (campaign_id)");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try {
                copies.copyIn("copy bench_target (" + TARGET_COLUMNS + ") from stdin",
                        new ByteArrayInputStream(rows.toByteArray()), 1 << 16);
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + e.getMessage(), e);
            }
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table bench_target");
            connection.commit();
            return seconds;
        }
    }

    private static void copy(Connection connection, String sql, Stream<SimulatedOrg> orgs, boolean orgTable,
            String packageId) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copy, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            int[] line = {0};
            StringBuilder text = new StringBuilder(512);
            orgs.forEach(org -> {
                OrgRow row = SimulatedFleetLoader.row(++line[0], org);
                text.setLength(0);
                if (orgTable) {
                    org(row, text);
                } else if (row.installedVersion() != null) {
                    installed(row, packageId, text);
                } else {
                    return;
                }
                try {
                    out.append(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    private static void org(OrgRow row, StringBuilder out) {
        out.append(row.orgId()).append('\t').append(escape(row.orgName())).append('\t')
                .append(row.orgType()).append('\t').append(row.status()).append('\t').append(row.instance())
                .append('\t').append(row.timeZone()).append('\t')
                .append(row.window().dayNames().stream().collect(Collectors.joining(",", "{", "}")))
                .append('\t').append(row.window().start()).append('\t').append(row.window().end()).append('\t')
                .append(row.locale()).append('\t')
                .append(row.adminEmails().stream().collect(Collectors.joining(",", "{", "}")))
                .append("\tSIMULATED\t2026-11-23 00:00:00+00\n");
    }

    private static void installed(OrgRow row, String packageId, StringBuilder out) {
        var version = row.installedVersion();
        out.append(row.orgId()).append('\t').append(packageId).append('\t').append(version)
                .append('\t').append(version.major()).append('\t').append(version.minor()).append('\t')
                .append(version.patch()).append('\t').append(version.build()).append('\t')
                .append(Boolean.TRUE.equals(row.beta()) ? 't' : 'f').append("\tt\t2026-11-23 00:00:00+00\n");
    }

    private static String escape(String text) {
        return text == null ? "\\N" : text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
