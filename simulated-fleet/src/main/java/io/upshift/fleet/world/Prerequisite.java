package io.upshift.fleet.world;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A package of the fleet that needs another one in each org ("Billing Extras 2.0 needs Billing ≥ 4.2"):
 * Salesforce refuses to install an extension over a base that is missing or too old. Each package has
 * its own world (its own schema); a push of the dependent package first reads what the base's world has
 * installed in the org, and fails — {@code IneligibleUpgrade} where the base is not installed,
 * {@code FeatureMissing} where it is older than needed — without starting a job. So a planner that
 * released an extension before its base succeeded in the org is caught end to end.
 *
 * @param baseName how messages name the base package
 * @param minimumVersion the least base version the dependent package installs over
 */
public record Prerequisite(String baseName, String minimumVersion) {

    public Prerequisite {
        Objects.requireNonNull(baseName, "baseName");
        Objects.requireNonNull(minimumVersion, "minimumVersion");
    }

    /** Pushes {@code order} in {@code world} if {@code base} has what it needs installed in the org, else fails it. */
    public CompletableFuture<PushOutcome> push(FleetWorld world, FleetWorld base, PushOrder order) {
        // an org the base's world never saw counts as not having the base: nothing says it has
        return base.installedVersion(order.orgId(), null, null)
                .thenCompose(installed -> unmetBy(installed).map(CompletableFuture::completedFuture)
                        .orElseGet(() -> world.push(order)));
    }

    /** The failure of a push over {@code baseInstalled}, or empty when it meets the minimum. */
    public Optional<PushOutcome> unmetBy(Optional<String> baseInstalled) {
        if (baseInstalled.isEmpty()) {
            return Optional.of(new PushOutcome.Failed(0, PushErrorType.INELIGIBLE_UPGRADE,
                    PushErrorType.INELIGIBLE_UPGRADE.title(), "The package requires " + baseName + " "
                            + minimumVersion + " or later, which is not installed in the org"));
        }
        if (Versions.compare(baseInstalled.get(), minimumVersion) < 0) {
            return Optional.of(new PushOutcome.Failed(0, PushErrorType.FEATURE_MISSING,
                    PushErrorType.FEATURE_MISSING.title(), "The package requires " + baseName + " " + minimumVersion
                            + " or later; the org has " + baseInstalled.get()));
        }
        return Optional.empty();
    }
}
