package io.upshift.executor.execution.domain;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The executor's one port to the outside world: the thing that actually upgrades an org
 * (Salesforce's push-upgrade API, or the simulated fleet). Every call is asynchronous so one
 * executor can hold thousands of upgrades in flight without a thread for each.
 *
 * <p>Implementations must make {@link #upgrade} idempotent per (org, target version): when a
 * push of the same org to the same version started earlier (by this or another executor,
 * before a crash) and has not failed, the call adopts it and completes with its result
 * instead of pushing again. That is what keeps "no org upgraded twice" true under
 * at-least-once delivery.
 */
public interface UpgradeGateway {

    /**
     * The package version installed in the org now ("4.1.2"), or empty when the package is not
     * installed. Completes exceptionally with {@link GatewayException} on failure.
     */
    CompletionStage<Optional<String>> installedVersion(String orgId, String packageId);

    /**
     * Pushes the org to the target version (or adopts a push already under way) and completes
     * when it reaches a final state. A push that ran and failed completes normally with a
     * {@link UpgradeResult.Failed}; a call that could not be made completes exceptionally with
     * {@link GatewayException} (whose category says whether a retry may help).
     */
    CompletionStage<UpgradeResult> upgrade(UpgradeRequest request);
}
