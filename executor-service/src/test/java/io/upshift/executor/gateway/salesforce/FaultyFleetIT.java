package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.run;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.salesforce.stub.PushError;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-18: 300 orgs through two executors' gateways over the stub with every fault on at once — a
 * token that expires every 40 calls, REQUEST_LIMIT_EXCEEDED every 13th call, 503 every 17th, a gack
 * on every second job insert and every third create, a PATCH that answers 503 after it was applied
 * every fifth time, and one org in seven failing with a PackagePushError of each type — a third of
 * the commands delivered again to the other executor once the first delivery ended.
 */
class FaultyFleetIT {

    private static final int ORGS = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final GatewayHarness harness = new GatewayHarness(ORGS);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void keepsEveryPromiseUnderEveryFaultAtOnce() {
        Map<String, String> failing = new HashMap<>();
        for (int n = 7; n <= ORGS; n += 7) {
            String type = PushError.ERROR_TYPES.get((n / 7) % PushError.ERROR_TYPES.size());
            harness.stub.failNextPush(org(n), PushError.of(type));
            failing.put(org(n), type);
        }
        harness.stub.injectFaultEvery(StubRoute.ANY_DATA, StubFault.SESSION_EXPIRED, 40)
                .injectFaultEvery(StubRoute.ANY_DATA, StubFault.REQUEST_LIMIT_EXCEEDED, 13)
                .injectFaultEvery(StubRoute.ANY_DATA, StubFault.SERVICE_UNAVAILABLE, 17)
                .injectFaultEvery(StubRoute.COMPOSITE_TREE, StubFault.SOMETHING_BAD_HAS_HAPPENED, 2)
                .injectFaultEvery(StubRoute.CREATE, StubFault.SERVER_ERROR, 3)
                .injectFaultEvery(StubRoute.UPDATE, StubFault.UNAVAILABLE_AFTER_APPLYING, 5);
        List<UpgradeRunner> executors = List.of(harness.runner(harness.gateway(Pushes.fastSettings(20))),
                harness.runner(harness.gateway(Pushes.fastSettings(20))));

        List<CompletableFuture<List<UpgradeFinished>>> deliveries = new ArrayList<>();
        for (int n = 1; n <= ORGS; n++) {
            UpgradeOrg command = harness.command(n);
            UpgradeRunner first = executors.get(n % 2);
            UpgradeRunner other = executors.get((n + 1) % 2);
            boolean redeliver = n % 3 == 0;
            deliveries.add(run(first, command).thenCompose(outcome -> redeliver
                    ? run(other, command).thenApply(again -> List.of(outcome, again))
                    : CompletableFuture.completedFuture(List.of(outcome))));
        }
        deliveries.forEach(d -> assertThat(d).succeedsWithin(WAIT));
        harness.stub.clearFaults();

        for (int n = 1; n <= ORGS; n++) {
            String org = org(n);
            List<UpgradeFinished> outcomes = deliveries.get(n - 1).join();
            for (UpgradeFinished outcome : outcomes) {
                if (failing.containsKey(org)) {
                    // every FAILED org's error is its PackagePushError type, on every delivery
                    assertThat(outcome.status()).as(org).isEqualTo(UpgradeStatus.FAILED);
                    assertThat(outcome.errorCode()).as(org).isEqualTo(failing.get(org));
                } else {
                    assertThat(outcome.status()).as(org).isIn(UpgradeStatus.SUCCEEDED, UpgradeStatus.SKIPPED);
                }
            }
            // no org pushed again after a permanent failure, none pushed twice after success
            assertThat(harness.stub.jobStatuses(org)).as(org).hasSize(1);
            assertThat(harness.stub.pushesStarted(org)).as(org).isEqualTo(1);
        }
        assertThat(harness.stub.logins()).as("sessions expired and renewed").isGreaterThan(2);
        assertThat(harness.stub.records("PackagePushRequest")).as("requests of 20 orgs").hasSizeGreaterThanOrEqualTo(15);
        // no request left Created or Pending
        assertThat(Set.copyOf(harness.requestStatuses())).as("push request statuses")
                .isSubsetOf(Set.of("Succeeded", "Failed"));
        IntStream.rangeClosed(1, ORGS).filter(n -> !failing.containsKey(org(n)))
                .forEach(n -> assertThat(harness.stub.installedVersion(org(n), harness.packageId)).contains(Pushes.TARGET));
    }
}
