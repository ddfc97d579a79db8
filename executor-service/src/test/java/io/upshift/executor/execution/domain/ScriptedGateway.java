package io.upshift.executor.execution.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** A gateway that answers what the test scripted, and remembers what it was asked. */
final class ScriptedGateway implements UpgradeGateway {

    private Supplier<CompletionStage<Optional<String>>> installed = () -> done(Optional.of("4.1.3"));
    private final Queue<Supplier<CompletionStage<UpgradeResult>>> upgrades = new ArrayDeque<>();
    private Optional<UpgradeResult.Succeeded> earlier = Optional.empty();
    final List<UpgradeRequest> upgradeCalls = new ArrayList<>();
    int installedCalls;

    ScriptedGateway installed(String version) {
        installed = () -> done(Optional.ofNullable(version));
        return this;
    }

    /** The version lookup answers when the test completes the returned future. */
    CompletableFuture<Optional<String>> installedLater() {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        installed = () -> answer;
        return answer;
    }

    ScriptedGateway installedFails(GatewayException failure) {
        installed = () -> CompletableFuture.failedFuture(failure);
        return this;
    }

    ScriptedGateway then(UpgradeResult result) {
        upgrades.add(() -> done(result));
        return this;
    }

    ScriptedGateway thenThrows(RuntimeException failure) {
        upgrades.add(() -> CompletableFuture.failedFuture(failure));
        return this;
    }

    ScriptedGateway thenNeverAnswers() {
        upgrades.add(CompletableFuture::new);
        return this;
    }

    ScriptedGateway earlierPush(String version) {
        earlier = Optional.of(new UpgradeResult.Succeeded(version));
        return this;
    }

    @Override
    public CompletionStage<Optional<String>> installedVersion(String orgId, String packageId) {
        installedCalls++;
        return installed.get();
    }

    @Override
    public CompletionStage<UpgradeResult> upgrade(UpgradeRequest request) {
        upgradeCalls.add(request);
        Supplier<CompletionStage<UpgradeResult>> next = upgrades.poll();
        if (next == null) {
            throw new AssertionError("upgrade called more often than scripted");
        }
        return next.get();
    }

    @Override
    public CompletionStage<Optional<UpgradeResult.Succeeded>> earlierPush(UpgradeRequest request) {
        return done(earlier);
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
