package io.upshift.executor.gateway.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.ErrorCodes;
import io.upshift.fleet.world.PushErrorType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both gateways class every PackagePushError type the same: the simulation predicts production. */
class OneFailureTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPushErrorTypeHasOneClassInTheSalesforceGatewayTheSimulatedFleetAndTheRunner() {
        assertThat(Arrays.asList(PushErrorType.values())).allSatisfy(type -> {
            ErrorCategory salesforce = PushErrors.failure(List.of(JSON.createObjectNode().put("ErrorSeverity", "Error")
                    .put("ErrorType", type.salesforceName()).put("ErrorTitle", "t"))).category();
            ErrorCategory fleet = type.isTransient() ? ErrorCategory.TRANSIENT : ErrorCategory.PERMANENT;
            assertThat(salesforce).as(type.salesforceName()).isEqualTo(fleet);
            assertThat(ErrorCodes.categoryOfPushError(type.salesforceName())).as(type.salesforceName()).contains(fleet);
        });
    }

    @Test
    void aFailedJobWithoutErrorRowsIsUnclassifiedWithThatTypesClass() {
        assertThat(PushErrors.failure(List.of()).category())
                .isEqualTo(ErrorCodes.categoryOfPushError("UnclassifiedError").orElseThrow());
    }
}
