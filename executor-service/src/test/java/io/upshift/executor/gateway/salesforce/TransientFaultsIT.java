package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.WAIT;
import static io.upshift.executor.gateway.salesforce.GatewayHarness.run;
import static io.upshift.executor.gateway.salesforce.Pushes.NOW;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-18 item 3: transient errors are tried again for as long as the org's window allows, not a
 * fixed number of times, and the gateway paces itself under a share of the org's daily API requests.
 */
class TransientFaultsIT {

    private final GatewayHarness harness = new GatewayHarness(3);

    @AfterEach
    void stop() {
        harness.close();
    }

    private int queries() {
        return harness.stub.server().findAll(WireMock.getRequestedFor(WireMock.urlPathMatching(".*/query"))).size();
    }

    @Test
    void keepsTryingThrough503sRequestLimitsAndGacksWhileTheWindowIsOpen() {
        harness.stub.injectFault(StubRoute.QUERY, StubFault.SERVICE_UNAVAILABLE, 6)
                .injectFault(StubRoute.QUERY, StubFault.REQUEST_LIMIT_EXCEEDED, 3)
                .injectFault(StubRoute.CREATE, StubFault.SERVER_ERROR, 3)
                .injectFault(StubRoute.COMPOSITE_TREE, StubFault.SOMETHING_BAD_HAS_HAPPENED, 3)
                .injectFault(StubRoute.UPDATE, StubFault.SERVICE_UNAVAILABLE, 3);

        UpgradeFinished outcome = RequestLifecycleIT.finish(List.of(
                run(harness.runner(harness.gateway()), harness.command(1)))).getFirst();

        assertThat(outcome.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(harness.stub.pushesStarted(org(1))).isEqualTo(1);
        assertThat(harness.requestStatuses()).containsExactly("Succeeded");
    }

    @Test
    void givesUpOnATransientFailureOnlyWhenTheWindowCloses() {
        harness.stub.injectFault(StubRoute.QUERY, StubFault.SERVICE_UNAVAILABLE, 100_000);
        CompletableFuture<UpgradeFinished> run = run(harness.runner(harness.gateway()),
                harness.command(1, NOW.plus(Duration.ofHours(1))));
        await().atMost(WAIT).until(() -> queries() >= 8); // twice the old fixed count of 4, and still trying
        assertThat(run).isNotDone();

        harness.clock.advance(Duration.ofHours(2));

        assertThat(run).succeedsWithin(WAIT);
        // no push ran: given back to the planner for the org's next window, not a failure a gate counts
        assertThat(run.join().status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(run.join().errorCode()).isEqualTo("WindowClosed");
        assertThat(run.join().category()).isNull();
        // a 503 that lands after the clock moved says the window "closes … before another attempt"; a retry that
        // wakes after it says it "closed": either way the window, and the 503 that kept the push from starting
        assertThat(run.join().errorMessage()).containsPattern("window clos(ed|es) at").contains("503");
        assertThat(harness.stub.records("PackagePushRequest")).isEmpty();
    }

    @Test
    void holdsCallsBackAtItsShareOfTheDailyApiRequestsAndReportsHowMuchIsUsed() {
        harness.stub.dailyApiRequests(1_000).apiRequestsUsed(600); // other integrations used 60 %
        SalesforceUpgradeGateway gateway = harness.gateway(); // allowed: 50 %
        await().atMost(WAIT).until(() -> gauge(SalesforceGatewayMetrics.API_REQUESTS_USED) == 0.6);
        assertThat(gauge(SalesforceGatewayMetrics.API_REQUESTS_ALLOWED)).isEqualTo(0.5);

        CompletableFuture<UpgradeFinished> run = run(harness.runner(gateway), harness.command(1));

        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> !run.isDone());
        assertThat(harness.stub.apiRequestsUsed()).isEqualTo(600);
        harness.stub.apiRequestsUsed(100); // the rolling 24 hours moved on
        assertThat(run).succeedsWithin(WAIT);
        assertThat(run.join().status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        await().atMost(WAIT).until(() -> gauge(SalesforceGatewayMetrics.API_REQUESTS_USED) < 0.5);
    }

    private double gauge(String name) {
        return harness.registry.get(name).gauge().value();
    }
}
