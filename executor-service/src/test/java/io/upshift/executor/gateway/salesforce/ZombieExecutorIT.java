package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.WAIT;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-17 item 12: a stale executor (paused after its adoption query while its partition was handed
 * over) does not insert a second push job: the jobs are looked for again right before the insert.
 */
class ZombieExecutorIT {

    private final GatewayHarness harness = new GatewayHarness(1);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aPausedExecutorThatResumesAfterTheHandOverFollowsTheNewOwnersJobInsteadOfPushingAgain() {
        harness.stub.holdJobs().injectFault(StubRoute.CREATE, StubFault.SERVICE_UNAVAILABLE, 1);
        // The zombie: its create meets a 503 after its adoption query, and its retry waits 2 s (the pause).
        SalesforceUpgradeGateway zombie = harness.gateway(slowRetries());
        SalesforceUpgradeGateway owner = harness.gateway();
        UpgradeRequest command = Pushes.upgrade(org(1), harness.packageId, harness.v420);

        CompletableFuture<UpgradeResult> stale = zombie.upgrade(command).toCompletableFuture();
        await().atMost(WAIT).until(() -> createFailures() >= 1);
        // The partition is handed over: the new owner finds no job, pushes, and schedules its request.
        CompletableFuture<UpgradeResult> current = owner.upgrade(command).toCompletableFuture();
        await().atMost(WAIT).until(() -> harness.stub.jobStatuses(org(1)).equals(List.of("Pending")));
        // The zombie resumes: its create goes through, and it must not insert a second job.
        await().atMost(WAIT).until(() -> harness.stub.records("PackagePushRequest").size() == 2);
        await().atMost(WAIT).until(() -> harness.requestStatuses().contains("Canceled"));

        assertThat(harness.stub.jobStatuses(org(1))).containsExactly("Pending");
        harness.stub.finishJobs(org(1));
        assertThat(current).succeedsWithin(WAIT).isEqualTo(new UpgradeResult.Succeeded(Pushes.TARGET));
        assertThat(stale).succeedsWithin(WAIT).isEqualTo(new UpgradeResult.Succeeded(Pushes.TARGET));
        assertThat(harness.stub.pushesStarted(org(1))).isEqualTo(1);
    }

    private double createFailures() {
        Counter counter = harness.registry.find(SalesforceGatewayMetrics.CALLS)
                .tag("operation", SalesforceGatewayMetrics.CREATE_PUSH_REQUEST).tag("result", "transient_error").counter();
        return counter == null ? 0 : counter.count();
    }

    private static SalesforceGatewayProperties.Push slowRetries() {
        SalesforceGatewayProperties.Push fast = Pushes.fastSettings(200);
        return new SalesforceGatewayProperties.Push(fast.batchSize(), fast.linger(), fast.pollInterval(),
                fast.scheduleTimeout(), fast.clockSkew(),
                new SalesforceGatewayProperties.Retry(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                fast.orphans(), fast.apiBudget());
    }
}
