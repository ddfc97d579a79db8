package io.upshift.executor.execution.domain;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Callbacks on the returned stages may run on the gateway's own threads: implementations
 * must not expect them to block, and the executor never blocks in them.
 */
public interface UpgradeGateway {

    /**
     * The package version installed in the org now ("4.1.2"), or empty when the package is not
     * installed. Completes exceptionally with {@link GatewayException} on failure.
     */
    CompletionStage<Optional<String>> installedVersion(String orgId, String packageId);

    /**
     * The version installed in the request's org, with the whole request at hand (a gateway may use
     * its {@code fromVersion} for an org it does not know). By default
     * {@link #installedVersion(String, String)}.
     */
    default CompletionStage<Optional<String>> installedVersion(UpgradeRequest request) {
        return installedVersion(request.orgId(), request.packageId());
    }

    /**
     * Pushes the org to the target version (or adopts a push already under way) and completes
     * when it reaches a final state. A push that ran and failed completes normally with a
     * {@link UpgradeResult.Failed}; a call that could not be made completes exceptionally with
     * {@link GatewayException} (whose category says whether a retry may help).
     */
    CompletionStage<UpgradeResult> upgrade(UpgradeRequest request);

    /**
     * The push that an earlier delivery of this same command made and that succeeded, if the
     * gateway can tell. The executor asks when it finds the org already on the target version:
     * a redelivered command whose first delivery upgraded the org (and then crashed before its
     * outcome was written) is then reported SUCCEEDED, not SKIPPED. By default: cannot tell.
     */
    default CompletionStage<Optional<UpgradeResult.Succeeded>> earlierPush(UpgradeRequest request) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * The campaign halted or was canceled. A gateway stops what it still holds of the campaign's
     * upgrades and has not started (a push scheduled at Salesforce, not yet In Progress): each such
     * upgrade completes with a {@link UpgradeResult.Failed} of type {@link ErrorCodes#CAMPAIGN_STOPPED},
     * which the runner reports CANCELED. A push already running is left to finish and reported as it
     * ends. Returns at once; by default nothing is held.
     */
    default void campaignStopped(UUID campaignId) {
    }
}
