package io.upshift.executor.gateway.simulated;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.fleet.world.FleetWorld;
import io.upshift.fleet.world.Prerequisite;
import io.upshift.fleet.world.PushOrder;
import io.upshift.fleet.world.PushOutcome;
import io.upshift.fleet.world.WorldUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@link UpgradeGateway} over the simulated fleet. An org the fleet has never seen is taken
 * to have the command's fromVersion installed (and is registered with it), so a campaign runs
 * without seeding the fleet first; seeded orgs keep what the generator gave them.
 */
final class SimulatedUpgradeGateway implements UpgradeGateway {

    private final FleetWorld world;
    /** Packages with a world of their own, by the first 15 characters of their id (commands carry 18). */
    private final Map<String, FleetWorld> packageWorlds;
    /** What a package needs of another, and the world that has the other's versions. */
    private final Map<String, Dependency> dependencies;

    /** A package's prerequisite and the world that knows the base package's installed versions. */
    record Dependency(Prerequisite prerequisite, FleetWorld base) {
    }

    SimulatedUpgradeGateway(FleetWorld world) {
        this(world, Map.of(), Map.of());
    }

    SimulatedUpgradeGateway(FleetWorld world, Map<String, FleetWorld> packageWorlds, Map<String, Dependency> dependencies) {
        this.world = world;
        this.packageWorlds = Map.copyOf(packageWorlds);
        this.dependencies = Map.copyOf(dependencies);
    }

    /** The key of a package in the maps: its 15-character id. */
    static String key(String packageId) {
        String id = packageId == null || packageId.length() < 15 ? String.valueOf(packageId) : packageId.substring(0, 15);
        // case-insensitive: Spring's relaxed binding may lower-case a property key
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    private FleetWorld world(String packageId) {
        return packageWorlds.getOrDefault(key(packageId), world);
    }

    @Override
    public CompletionStage<Optional<String>> installedVersion(String orgId, String packageId) {
        return translated(world(packageId).installedVersion(orgId, null, null));
    }

    @Override
    public CompletionStage<Optional<String>> installedVersion(UpgradeRequest request) {
        return translated(world(request.packageId()).installedVersion(request.orgId(), request.fromVersion(),
                request.instance()));
    }

    @Override
    public CompletionStage<UpgradeResult> upgrade(UpgradeRequest request) {
        PushOrder order = new PushOrder(request.orgId(), request.instance(), request.targetVersion(),
                request.fromVersion(), request.notBefore(), request.commandId());
        Dependency dependency = dependencies.get(key(request.packageId()));
        FleetWorld target = world(request.packageId());
        return translated(dependency == null ? target.push(order)
                : dependency.prerequisite().push(target, dependency.base(), order)).thenApply(SimulatedUpgradeGateway::result);
    }

    @Override
    public CompletionStage<Optional<UpgradeResult.Succeeded>> earlierPush(UpgradeRequest request) {
        return translated(world(request.packageId()).finishedPush(request.orgId(), request.targetVersion(), request.commandId()))
                .thenApply(found -> found
                        .filter(PushOutcome.Succeeded.class::isInstance)
                        .map(succeeded -> new UpgradeResult.Succeeded(((PushOutcome.Succeeded) succeeded).version())));
    }

    /** The world's outcome as the port's result; a refusal (a subscriber's block) is PERMANENT, without a job. */
    static UpgradeResult result(PushOutcome outcome) {
        return switch (outcome) {
            case PushOutcome.Refused refused -> new UpgradeResult.Failed(refused.code(), ErrorCategory.PERMANENT,
                    refused.title(), refused.details());
            case PushOutcome.Succeeded succeeded -> new UpgradeResult.Succeeded(succeeded.version());
            case PushOutcome.Failed failed -> new UpgradeResult.Failed(failed.type().salesforceName(),
                    ErrorCodes.categoryOfPushError(failed.type().salesforceName()).orElse(ErrorCategory.PERMANENT),
                    failed.title(), failed.details());
        };
    }

    /** The world's refusals and database failures become the port's transient gateway failures. */
    private static <T> CompletableFuture<T> translated(CompletableFuture<T> call) {
        return call.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof WorldUnavailableException unavailable) {
                throw new GatewayException(unavailable.code(), ErrorCategory.TRANSIENT, unavailable.getMessage(), unavailable);
            }
            throw new GatewayException(ErrorCodes.GATEWAY_ERROR, ErrorCategory.TRANSIENT,
                    "the simulated fleet failed: " + cause, cause);
        });
    }
}
