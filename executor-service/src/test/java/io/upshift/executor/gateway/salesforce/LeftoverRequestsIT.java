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
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.stub.PushError;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-18 item 2: no request Upshift created is left Created or Pending when its command ends,
 * orphans are swept, and the outcome carries the org's real cause.
 */
class LeftoverRequestsIT {

    private final GatewayHarness harness = new GatewayHarness(3);

    @AfterEach
    void stop() {
        harness.close();
    }

    private int patches() {
        return harness.stub.server().findAll(WireMock.patchRequestedFor(WireMock.urlPathMatching(
                ".*/sobjects/PackagePushRequest/.*"))).size();
    }

    @Test
    void cancelsARequestThatCannotBeSetPendingBeforeTheWindowClosesAndSaysWhy() {
        harness.stub.injectFault(StubRoute.UPDATE, StubFault.SERVICE_UNAVAILABLE, 100_000);
        CompletableFuture<UpgradeFinished> run = run(harness.runner(harness.gateway()),
                harness.command(1, NOW.plus(Duration.ofHours(1))));
        await().atMost(WAIT).until(() -> patches() >= 3);

        int before = patches();
        harness.clock.advance(Duration.ofHours(2)); // the window closed while Salesforce kept answering 503
        // a retry scheduled before the window closed goes out once more; the ones after it are cancels
        await().atMost(WAIT).until(() -> patches() >= before + 3);
        harness.stub.clearFaults(); // the cancel gets through at last

        assertThat(run).succeedsWithin(WAIT);
        UpgradeFinished outcome = run.join();
        assertThat(outcome.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(outcome.errorCode()).isEqualTo("HTTP_503");
        assertThat(outcome.category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(outcome.errorMessage()).contains("canceled");
        assertThat(harness.requestStatuses()).containsExactly("Canceled");
        assertThat(harness.stub.pushesStarted(org(1))).isZero();
    }

    @Test
    void reportsTheJobsRealOutcomeWhenAPatchAnswered503ButWasApplied() {
        harness.stub.injectFault(StubRoute.UPDATE, StubFault.UNAVAILABLE_AFTER_APPLYING, 1)
                .failNextPush(org(1), PushError.of("FeatureMissing"));

        UpgradeFinished outcome = RequestLifecycleIT.finish(List.of(
                run(harness.runner(harness.gateway()), harness.command(1)))).getFirst();

        assertThat(outcome.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(outcome.errorCode()).isEqualTo("FeatureMissing");
        assertThat(harness.requestStatuses()).hasSize(1).doesNotContain("Created", "Pending", "Canceled");
        assertThat(harness.stub.jobStatuses(org(1))).containsExactly("Failed");
    }

    @Test
    void sweepsCreatedRequestsOfItsVersionsOnceTheyAreOlderThanTheMinimumAge() {
        SalesforceUpgradeGateway gateway = harness.gateway();
        RequestLifecycleIT.finish(List.of(run(harness.runner(gateway), harness.command(1))));
        SalesforceClient other = new SalesforceClient(harness.stub.clientCredentialsConfig(), harness.clock);
        String v430 = harness.stub.addVersion(harness.packageId, "4.3.0");
        // An executor killed between create and Pending left one; another tool of the ISV made one for 4.3.0.
        String orphan = other.create("PackagePushRequest", Map.of("PackageVersionId", harness.v420)).join();
        String foreign = other.create("PackagePushRequest", Map.of("PackageVersionId", v430)).join();
        harness.clock.advance(Duration.ofHours(2));
        String young = other.create("PackagePushRequest", Map.of("PackageVersionId", harness.v420)).join();

        gateway.sweepOrphans();

        await().atMost(WAIT).until(() -> "Canceled".equals(status(orphan)));
        assertThat(status(foreign)).isEqualTo("Created");
        assertThat(status(young)).isEqualTo("Created");
        other.close();
    }

    private String status(String requestId) {
        return harness.stub.records("PackagePushRequest").stream().filter(r -> requestId.equals(r.get("Id")))
                .map(r -> (String) r.get("Status")).findFirst().orElseThrow();
    }
}
