package io.upshift.planner.inventory.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One import into the inventory.
 *
 * @param packageId the package whose installed versions the rows carry (18-character 033… id)
 * @param source where the rows come from
 * @param format how the source was read (ORG_FILE, CSV, SIMULATED, SALESFORCE), for the report
 * @param columns what the rows provide; everything else stored stays as it is
 * @param partial store the good rows even when some are bad (otherwise one bad row rejects all)
 * @param maxRows more rows than this end the import as too large
 * @param maxErrors at most this many problems are listed in the report (all are counted)
 */
public record ImportRequest(
        String packageId,
        OrgSource source,
        String format,
        Set<ImportColumn> columns,
        boolean partial,
        long maxRows,
        int maxErrors) {

    public ImportRequest {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        columns = Set.copyOf(EnumSet.copyOf(columns));
        if (!columns.contains(ImportColumn.ORG_ID)) {
            throw new IllegalArgumentException("an import provides at least org_id");
        }
    }

    public boolean provides(ImportColumn column) {
        return columns.contains(column);
    }
}
