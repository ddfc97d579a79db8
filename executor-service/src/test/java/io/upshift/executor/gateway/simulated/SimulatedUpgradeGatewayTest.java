package io.upshift.executor.gateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.fleet.world.PushOutcome;
import org.junit.jupiter.api.Test;

class SimulatedUpgradeGatewayTest {

    @Test
    void aPushTheFleetRefusesForTheSubscribersBlockFailsWithTheSalesforceGatewaysCode() {
        UpgradeResult result = SimulatedUpgradeGateway.result(new PushOutcome.Refused(
                PushOutcome.Refused.BLOCKED_BY_SUBSCRIBER, "blocked", "no job"));

        assertThat(result).isEqualTo(new UpgradeResult.Failed(ErrorCodes.BLOCKED_BY_SUBSCRIBER, ErrorCategory.PERMANENT,
                "blocked", "no job"));
    }
}
