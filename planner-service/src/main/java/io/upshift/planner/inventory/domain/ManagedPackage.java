package io.upshift.planner.inventory.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A managed package of the ISV (Salesforce's MetadataPackage).
 *
 * @param packageId the 18-character 033… id
 * @param namespace the package's namespace prefix, or null for none
 */
public record ManagedPackage(String packageId, String name, String namespace, Instant createdAt) {

    public ManagedPackage {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(name, "name");
    }
}
