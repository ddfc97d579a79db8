package io.upshift.executor.gateway.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.fleet.world.PushErrorType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulatedUpgradeGatewayTest {

    @Test
    void theFleetFailsWithTheTypesAndClassesTheExecutorKnows() {
        assertThat(Arrays.asList(PushErrorType.values())).allSatisfy(type ->
                assertThat(ErrorCodes.categoryOfPushError(type.salesforceName()))
                        .as(type.salesforceName())
                        .contains(type.isTransient() ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT));
    }
}
