package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.GatewayHarness.run;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static io.upshift.executor.gateway.salesforce.RequestLifecycleIT.finish;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.salesforce.stub.PushUpgradeCustomization;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ISSUE-17 item 9: a subscriber's push block that appeared after the planner issued the command is
 * checked again just before the jobs are inserted: the blocked org gets no job and ends FAILED.
 */
class SubscriberBlockIT {

    private final GatewayHarness harness = new GatewayHarness(3);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anOrgBlockedAfterItsCommandWasIssuedGetsNoJobAndFailsWithBlockedBySubscriber() {
        List<UpgradeOrg> commands = IntStream.rangeClosed(1, 3).mapToObj(harness::command).toList();
        harness.stub.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(org(2), harness.packageId));
        harness.stub.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(org(3), harness.packageId).overridden());
        UpgradeRunner executor = harness.runner(harness.gateway());

        List<UpgradeFinished> outcomes = finish(commands.stream().map(c -> run(executor, c)).toList());

        assertThat(outcomes.get(1)).satisfies(blocked -> {
            assertThat(blocked.status()).isEqualTo(UpgradeStatus.FAILED);
            assertThat(blocked.category()).isEqualTo(ErrorCategory.PERMANENT);
            assertThat(blocked.errorCode()).isEqualTo(ErrorCodes.BLOCKED_BY_SUBSCRIBER);
        });
        assertThat(harness.stub.jobStatuses(org(2))).isEmpty();
        assertThat(outcomes.get(0).status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(outcomes.get(2).status()).as("a block overridden by support").isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(harness.stub.records("PackagePushRequest")).hasSize(1);
    }
}
