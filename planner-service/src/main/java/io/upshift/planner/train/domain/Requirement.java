package io.upshift.planner.train.domain;

import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.util.Objects;

/**
 * What a tier's package needs in each org: another package of the train at or above a version
 * ("Billing Extras 2.0 needs Billing ≥ 4.2").
 *
 * @param packageId the base package (18-character 033… id)
 * @param minimum the lowest version of it that the tier's package works with
 */
public record Requirement(String packageId, PackageVersionNumber minimum) {

    public Requirement {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(minimum, "minimum");
    }

    /** Whether a version installed in an org (null: none, or a beta) meets it. */
    public boolean metBy(PackageVersionNumber installed) {
        return installed != null && installed.compareTo(minimum) >= 0;
    }

    @Override
    public String toString() {
        return packageId + " ≥ " + minimum;
    }
}
