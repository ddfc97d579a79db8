package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.WAIT;
import static io.upshift.executor.gateway.salesforce.GatewayHarness.run;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.salesforce.stub.PushError;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-18 item 1: the request's lifecycle is owned once per request, and a job of the command in
 * any state — Failed included — is the org's outcome, never a reason to push again.
 */
class RequestLifecycleIT {

    private final GatewayHarness harness = new GatewayHarness(10);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void schedulesTheRequestOnceThroughA503OnThePatchAndNeverPushesAFailedOrgAgain() {
        List<String> types = PushError.ERROR_TYPES;
        IntStream.range(0, types.size()).forEach(i -> harness.stub.failNextPush(org(i + 1), PushError.of(types.get(i))));
        harness.stub.injectFault(StubRoute.UPDATE, StubFault.SERVICE_UNAVAILABLE, 3);
        UpgradeRunner executor = harness.runner(harness.gateway());
        List<UpgradeOrg> commands = IntStream.rangeClosed(1, 10).mapToObj(harness::command).toList();

        List<UpgradeFinished> outcomes = finish(commands.stream().map(c -> run(executor, c)).toList());

        assertOutcomes(outcomes, types);
        assertThat(harness.stub.records("PackagePushRequest")).hasSize(1);
        // Every command delivered again, to this executor and to another one: the same outcomes, no new job.
        UpgradeRunner other = harness.runner(harness.gateway());
        assertOutcomes(finish(commands.stream().map(c -> run(executor, c)).toList()), types);
        assertOutcomes(finish(commands.stream().map(c -> run(other, c)).toList()), types);
        IntStream.rangeClosed(1, 10).forEach(n -> {
            assertThat(harness.stub.jobStatuses(org(n))).hasSize(1);
            assertThat(harness.stub.pushesStarted(org(n))).isEqualTo(1);
        });
        assertThat(harness.stub.records("PackagePushRequest")).hasSize(1);
    }

    @Test
    void adoptsTheFailedJobOfItsCommandThatTheFirstDeliveryNeverSawFinish() {
        harness.stub.holdJobs().failNextPush(org(1), PushError.apexTestFailure());
        UpgradeOrg command = harness.command(1);
        SalesforceUpgradeGateway first = harness.gateway();
        // The first executor stops (its runner keeps retrying a closed gateway: a dead executor's run).
        run(harness.runner(first), command);
        await().atMost(WAIT).until(() -> harness.stub.jobStatuses(org(1)).equals(List.of("Pending")));
        first.close();
        harness.stub.finishJobs(org(1));

        UpgradeFinished redelivered = finish(List.of(run(harness.runner(harness.gateway()), command))).getFirst();

        assertThat(redelivered.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(redelivered.errorCode()).isEqualTo("ApexTestFailure");
        assertThat(harness.stub.jobStatuses(org(1))).containsExactly("Failed");
    }

    private static void assertOutcomes(List<UpgradeFinished> outcomes, List<String> types) {
        for (int i = 0; i < outcomes.size(); i++) {
            UpgradeFinished outcome = outcomes.get(i);
            if (i < types.size()) {
                assertThat(outcome.status()).as("org %d", i + 1).isEqualTo(UpgradeStatus.FAILED);
                assertThat(outcome.errorCode()).as("org %d", i + 1).isEqualTo(types.get(i));
                assertThat(outcome.category()).isEqualTo(ErrorCodes.categoryOfPushError(types.get(i)).orElseThrow());
            } else {
                assertThat(outcome.status()).as("org %d", i + 1).isIn(UpgradeStatus.SUCCEEDED, UpgradeStatus.SKIPPED);
            }
        }
    }

    static List<UpgradeFinished> finish(List<CompletableFuture<UpgradeFinished>> runs) {
        runs.forEach(r -> assertThat(r).succeedsWithin(WAIT));
        return runs.stream().map(CompletableFuture::join).toList();
    }
}
