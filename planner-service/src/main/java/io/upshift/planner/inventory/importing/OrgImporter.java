package io.upshift.planner.inventory.importing;

import io.upshift.planner.inventory.config.InventoryProperties;
import io.upshift.planner.inventory.csv.CsvOrgSource;
import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportRejectedException;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.ImportRequest;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.planner.inventory.domain.ManagedPackage;
import io.upshift.planner.inventory.domain.OrgIdList;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import io.upshift.planner.inventory.jdbc.InventoryWriter;
import io.upshift.planner.inventory.jdbc.PackageRepository;
import io.upshift.planner.shared.domain.NotFoundException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs imports into the inventory from any source — an uploaded file, the simulated fleet, the
 * Salesforce sync — through the one {@link InventoryWriter}, within the configured limits, and
 * records the metrics. A rejected import (bad rows, not partial) ends in {@link ImportRejectedException}.
 */
@Service
public class OrgImporter {

    private static final Logger log = LoggerFactory.getLogger(OrgImporter.class);

    private final PackageRepository packages;
    private final InventoryWriter writer;
    private final InventoryProperties.Imports limits;
    private final InventoryMetrics metrics;

    OrgImporter(PackageRepository packages, InventoryWriter writer, InventoryProperties properties,
            InventoryMetrics metrics) {
        this.packages = packages;
        this.writer = writer;
        this.limits = properties.imports();
        this.metrics = metrics;
    }

    /**
     * Imports an uploaded org file or headered CSV, streaming it.
     *
     * @param declaredLength the upload's Content-Length, or -1 when unknown
     */
    public ImportReport importFile(String packageId, InputStream upload, long declaredLength, boolean partial) {
        ManagedPackage pkg = requirePackage(packageId);
        requireSize(declaredLength);
        return timed(OrgSource.CSV, () -> {
            CsvOrgSource source = open(upload);
            return writer.write(request(pkg, OrgSource.CSV, source.format().name(), source.columns(), partial),
                    source::readRows);
        });
    }

    /**
     * Reads the org ids of an uploaded org file or headered CSV — the import's reader and its per-line
     * problems, within the import's limits — and stores nothing (a campaign's selection, for one).
     *
     * @param declaredLength the upload's Content-Length, or -1 when unknown
     * @throws ImportFileException when the file is empty or its header is not usable
     */
    public OrgIdList readOrgIds(InputStream upload, long declaredLength) {
        requireSize(declaredLength);
        CsvOrgSource source = open(upload);
        Set<String> orgIds = new LinkedHashSet<>();
        List<RowError> errors = new ArrayList<>();
        long[] counts = new long[3]; // rows, rejected, problems
        source.readRows(new RowSink() {
            @Override
            public void accept(OrgRow row) {
                count();
                orgIds.add(row.orgId());
            }

            @Override
            public void reject(List<RowError> rowErrors) {
                count();
                counts[1]++;
                for (RowError error : rowErrors) {
                    if (counts[2]++ < limits.maxReportedErrors()) {
                        errors.add(error);
                    }
                }
            }

            private void count() {
                if (counts[0]++ >= limits.maxRows()) {
                    throw new ImportTooLargeException("the file has more than " + limits.maxRows() + " rows");
                }
            }
        });
        return new OrgIdList(source.format().name(), counts[0], List.copyOf(orgIds), counts[1], errors,
                counts[2] > limits.maxReportedErrors());
    }

    private void requireSize(long declaredLength) {
        long maxBytes = limits.maxSize().toBytes();
        if (declaredLength > maxBytes) {
            throw new ImportTooLargeException("the upload has " + declaredLength + " bytes, more than the "
                    + maxBytes + " bytes allowed (upshift.planner.inventory.imports.max-size); split it into several imports");
        }
    }

    /** The upload's reader, cut off once it has read more than the allowed size. */
    private CsvOrgSource open(InputStream upload) {
        return new CsvOrgSource(new LimitedInputStream(upload, limits.maxSize().toBytes()));
    }

    /** Imports rows from a source that is not a file (the simulated fleet, the Salesforce sync). */
    public ImportReport importRows(String packageId, OrgSource source, String format, Set<ImportColumn> columns,
            boolean partial, Consumer<RowSink> rows) {
        ManagedPackage pkg = requirePackage(packageId);
        return timed(source, () -> writer.write(request(pkg, source, format, columns, partial), rows));
    }

    public ManagedPackage requirePackage(String packageId) {
        return packages.find(packageId).orElseThrow(() -> new NotFoundException("package", packageId));
    }

    private ImportRequest request(ManagedPackage pkg, OrgSource source, String format, Set<ImportColumn> columns,
            boolean partial) {
        return new ImportRequest(pkg.packageId(), source, format, columns, partial, limits.maxRows(),
                limits.maxReportedErrors());
    }

    private ImportReport timed(OrgSource source, Supplier<ImportReport> importing) {
        long start = System.nanoTime();
        ImportReport report;
        try {
            report = importing.get();
        } catch (RuntimeException e) {
            metrics.failed(source, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.imported(report, took);
        log.info("import from {} ({}) {}: {} rows, {} inserted, {} updated, {} unchanged, {} rejected in {} ms",
                source, report.format(), report.stored() ? "stored" : "rejected", report.rows(), report.inserted(),
                report.updated(), report.unchanged(), report.rejected(), took.toMillis());
        if (!report.stored()) {
            throw new ImportRejectedException(report);
        }
        return report;
    }
}
