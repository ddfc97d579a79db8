package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.CAMPAIGN;
import static io.upshift.executor.gateway.salesforce.GatewayHarness.WAIT;
import static io.upshift.executor.gateway.salesforce.GatewayHarness.run;
import static io.upshift.executor.gateway.salesforce.Pushes.NOW;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.executor.campaign.domain.CampaignSignal;
import io.upshift.executor.campaign.domain.CampaignStates;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.salesforce.stub.PushError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-17 item 7: a halt stops what Salesforce still holds. Requests still Pending are canceled and
 * their orgs end CANCELED; a request already In Progress is watched to its end and reported truly.
 */
class CampaignStopIT {

    private final GatewayHarness harness = new GatewayHarness(4);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aHaltCancelsThePendingRequestsAtSalesforceAndReportsTheOneInProgressTruthfully() {
        harness.stub.holdJobs().failNextPush(org(4), PushError.apexTestFailure());
        SalesforceUpgradeGateway gateway = harness.gateway();
        CampaignStates campaigns = new CampaignStates(gateway::campaignStopped);
        UpgradeRunner executor = harness.runner(gateway, campaigns);
        CompletableFuture<UpgradeFinished> running = run(executor, harness.command(4));
        await().atMost(WAIT).until(() -> harness.stub.jobStatuses(org(4)).equals(List.of("Pending")));
        harness.stub.startJobs(org(4));
        List<CompletableFuture<UpgradeFinished>> pending = IntStream.rangeClosed(1, 3)
                .mapToObj(n -> run(executor, harness.command(n))).toList();
        await().atMost(WAIT).until(() -> IntStream.rangeClosed(1, 3)
                .allMatch(n -> harness.stub.jobStatuses(org(n)).equals(List.of("Pending"))));

        campaigns.apply(CAMPAIGN, CampaignSignal.HALTED, "canary failure rate 12 % > 3 %", NOW);

        pending.forEach(run -> assertThat(run).succeedsWithin(WAIT));
        assertThat(pending).allSatisfy(run -> {
            UpgradeFinished outcome = run.join();
            assertThat(outcome.status()).isEqualTo(UpgradeStatus.CANCELED);
            assertThat(outcome.errorCode()).isEqualTo(ErrorCodes.CAMPAIGN_STOPPED);
            assertThat(outcome.errorMessage()).contains("canary failure rate");
        });
        IntStream.rangeClosed(1, 3).forEach(n -> assertThat(harness.stub.jobStatuses(org(n))).containsExactly("Canceled"));
        assertThat(harness.requestStatuses()).containsExactly("In Progress", "Canceled");
        assertThat(harness.stub.pushesStarted()).containsOnlyKeys(org(4));

        assertThat(running).isNotDone();
        harness.stub.finishJobs(org(4));
        assertThat(running).succeedsWithin(WAIT).satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(UpgradeStatus.FAILED);
            assertThat(outcome.errorCode()).isEqualTo("ApexTestFailure");
        });
    }
}
