package io.upshift.planner.inventory.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the inventory feature (imports, simulated fleets, listings), validated at start-up.
 * The defaults take a 1,000,000-org fleet in one import.
 *
 * @param imports CSV imports
 * @param simulated simulated-fleet loads
 * @param orgs the org listing
 */
@Validated
@ConfigurationProperties("upshift.planner.inventory")
public record InventoryProperties(
        @Valid @NotNull @DefaultValue Imports imports,
        @Valid @NotNull @DefaultValue Simulated simulated,
        @Valid @NotNull @DefaultValue Orgs orgs) {

    /**
     * @param maxSize largest upload (the body, or the file of a multipart upload); larger ones get 413
     * @param maxRows most rows in one import (every source); more get 413
     * @param maxReportedErrors most row problems listed in an answer (all are counted)
     * @param workMem PostgreSQL {@code work_mem} of an import's transaction: the merge hashes the whole
     *     import against the inventory, and spills to disk when this is too small
     */
    public record Imports(
            @DefaultValue("512MB") @NotNull DataSize maxSize,
            @DefaultValue("2000000") @Min(1) long maxRows,
            @DefaultValue("1000") @Min(1) @Max(100_000) int maxReportedErrors,
            @DefaultValue("128MB") @NotNull DataSize workMem) {
    }

    /** @param maxCount most orgs one simulated load may generate */
    public record Simulated(@DefaultValue("2000000") @Min(1) @Max(100_000_000) long maxCount) {
    }

    /**
     * @param defaultPageSize orgs per page when the caller does not say
     * @param maxPageSize most orgs per page
     */
    public record Orgs(
            @DefaultValue("100") @Min(1) int defaultPageSize,
            @DefaultValue("1000") @Min(1) @Max(10_000) int maxPageSize) {
    }
}
