package io.upshift.planner.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.simulated.SimulatedFleetLoader;
import io.upshift.planner.inventory.simulated.SimulatedFleetSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Not a test: a measurement, run on demand (never in CI), of the inventory import against a plain
 * PostgreSQL COPY of the same rows into tables of the same shape, in the same run on the same
 * database. Run it with
 * <pre>
 * ./mvnw -q -pl planner-service -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=InventoryImportBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dinventory.benchmark.orgs=1000000
 * </pre>
 * The figures go to standard out and to {@code planner-service/target/inventory-benchmark.txt}. Both sides
 * generate the same fleet in the same JVM; the baseline tables have the same columns, keys, indexes and
 * foreign keys as {@code subscriber_org} and {@code installed_package}. Add {@code -DargLine=-Xmx512m} to see
 * that the import streams (the JVM also holds the devstack's Kafka broker).
 */
@EnabledIfSystemProperty(named = "inventory.benchmark.orgs", matches = "\\d+")
@TestPropertySource(properties = {"upshift.planner.inventory.imports.max-size=2GB",
        "logging.level.io.upshift.planner.inventory.jdbc=DEBUG"})
class InventoryImportBenchmarkIT extends InventoryItSupport {

    @Autowired
    SimulatedFleetLoader loader;

    @Autowired
    DataSource dataSource;

    private final List<String> lines = new ArrayList<>();
    private String baselinePackage;

    @Test
    void measuresTheImportAgainstACopyBaseline() throws Exception {
        int orgs = Integer.parseInt(System.getProperty("inventory.benchmark.orgs"));
        long seed = 20261123;
        FleetOptions options = FleetOptions.defaults(orgs, seed).withInstalledVersions(
                FleetOptions.DEFAULT_INSTALLED_VERSIONS);
        report("orgs: %,d; cores: %d; max heap: %d MB; JDK %s", orgs, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

        // warm-up, so that neither side pays for the JIT alone: generate the fleet once, and a small import
        long warm = new FleetGenerator(options).stream().filter(org -> org.installedVersion() != null).count();
        loader.load(newPackage(), new SimulatedFleetSpec(Math.min(orgs, 20_000), seed + 1, null, null, null, null, null,
                null, null));
        report("warm-up done (%,d orgs with the package installed)", warm);

        // Baseline: COPY of the same rows (the generator's) into copies of the two tables; measured again at the end
        baselinePackage = newPackage();
        double copySeconds = copyBaseline(options);

        // 1. simulated fleet straight into the writer (generator -> COPY staging -> merge)
        String simulatedPackage = newPackage();
        resetPeaks();
        long start = System.nanoTime();
        ImportReport first = loader.load(simulatedPackage, new SimulatedFleetSpec(orgs, seed, null, null,
                versionWeights(options), "4.3.0", null, null, null));
        double simulatedSeconds = seconds(start);
        assertThat(first.inserted()).isEqualTo(orgs);
        report("simulated load, new orgs:  %6.2f s  %,9.0f orgs/s  ratio to COPY %.2f  (peak heap %d MB)",
                simulatedSeconds, orgs / simulatedSeconds, simulatedSeconds / copySeconds, peakHeapMb());

        start = System.nanoTime();
        ImportReport again = loader.load(simulatedPackage, new SimulatedFleetSpec(orgs, seed, null, null,
                versionWeights(options), "4.3.0", null, null, null));
        double againSeconds = seconds(start);
        assertThat(again.unchanged()).isEqualTo(orgs);
        report("simulated load, unchanged: %6.2f s  %,9.0f orgs/s  ratio to COPY %.2f", againSeconds,
                orgs / againSeconds, againSeconds / copySeconds);

        // 2. the same fleet as a CSV file through the REST API (upload -> parse -> validate -> writer),
        //    into a second package: the orgs exist (updated sources), the installations are new
        Path csv = Files.createTempFile("fleet", ".csv");
        try {
            start = System.nanoTime();
            FleetCsv.write(new FleetGenerator(options).stream(), csv);
            report("writing the CSV (%d MB):     %6.2f s", Files.size(csv) >> 20, seconds(start));
            String csvPackage = newPackage();
            resetPeaks();
            start = System.nanoTime();
            Response answer = post("/api/v1/packages/" + csvPackage + "/subscribers/import", "text/csv",
                    BodyPublishers.ofFile(csv));
            double csvSeconds = seconds(start);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            report("CSV upload, known orgs:    %6.2f s  %,9.0f orgs/s  ratio to COPY %.2f  (peak heap %d MB) %s",
                    csvSeconds, orgs / csvSeconds, csvSeconds / copySeconds, peakHeapMb(),
                    answer.json().get("updated").asLong() + " updated");
        } finally {
            Files.deleteIfExists(csv);
        }
        double copyAgain = copyBaseline(options);
        report("COPY baseline, first and last: %.2f s and %.2f s (ratios above are to the first)", copySeconds, copyAgain);
        Files.write(Path.of("target/inventory-benchmark.txt"), lines);
    }

    /** COPY of the generated rows into tables shaped like subscriber_org and installed_package; returns seconds. */
    private double copyBaseline(FleetOptions options) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_org, bench_installed");
            statement.execute("create table bench_org (like subscriber_org including all)");
            statement.execute("create table bench_installed (like installed_package including all)");
            // LIKE leaves out foreign keys; the real tables have them, and they cost (a key-share lock per row)
            statement.execute("alter table bench_installed add foreign key (org_id) references bench_org (org_id), "
                    + "add foreign key (package_id) references package (package_id)");
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            copy(connection, "copy bench_org (org_id, org_name, org_type, status, instance, time_zone, window_days, "
                    + "window_start, window_end, locale, admin_emails, source, updated_at) from stdin", options, true, null);
            double orgSeconds = seconds(start);
            long installedStart = System.nanoTime();
            copy(connection, "copy bench_installed (org_id, package_id, installed_version, major, minor, patch, build, "
                    + "beta, installed, updated_at) from stdin", options, false, baselinePackage);
            double installedSeconds = seconds(installedStart);
            connection.commit();
            double total = seconds(start);
            report("COPY baseline:             %6.2f s  %,9.0f orgs/s  (org table %.2f s, installed table %.2f s)",
                    total, options.count() / total, orgSeconds, installedSeconds);
            statement.execute("drop table bench_org, bench_installed");
            connection.commit();
            return total;
        }
    }

    private static void copy(Connection connection, String sql, FleetOptions options, boolean orgTable, String packageId)
            throws Exception {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copy, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            int[] line = {0};
            StringBuilder text = new StringBuilder(512);
            new FleetGenerator(options).stream().forEach(org -> {
                OrgRow row = SimulatedFleetLoader.row(++line[0], org);
                text.setLength(0);
                if (orgTable) {
                    baselineOrg(row, text);
                } else if (row.installedVersion() != null) {
                    baselineInstalled(row, packageId, text);
                } else {
                    return;
                }
                try {
                    out.append(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** The org's row for bench_org, in COPY text format (the generator's values need no escaping but tabs). */
    private static void baselineOrg(OrgRow row, StringBuilder out) {
        out.append(row.orgId()).append('\t').append(row.orgName().replace("\t", "\\t")).append('\t')
                .append(row.orgType()).append('\t').append(row.status()).append('\t').append(row.instance())
                .append('\t').append(row.timeZone()).append('\t')
                .append(row.window().dayNames().stream().collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .append('\t').append(row.window().start()).append('\t').append(row.window().end()).append('\t')
                .append(row.locale()).append('\t')
                .append(row.adminEmails().stream().collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .append("\tSIMULATED\t2026-11-23 00:00:00+00\n");
    }

    private static void baselineInstalled(OrgRow row, String packageId, StringBuilder out) {
        var version = row.installedVersion();
        out.append(row.orgId()).append('\t').append(packageId).append('\t').append(version)
                .append('\t').append(version.major()).append('\t').append(version.minor()).append('\t')
                .append(version.patch()).append('\t').append(version.build()).append('\t')
                .append(Boolean.TRUE.equals(row.beta()) ? 't' : 'f').append("\tt\t2026-11-23 00:00:00+00\n");
    }

    private static java.util.Map<String, Integer> versionWeights(FleetOptions options) {
        java.util.Map<String, Integer> weights = new java.util.LinkedHashMap<>();
        options.installedVersions().forEach(w -> weights.put(w.value(), w.weight()));
        return weights;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }

    private void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println("[inventory-benchmark] " + line);
    }
}
