package io.upshift.executor.gateway.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How PackagePushError rows and failed calls become results and gateway errors. */
class PushErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode error(String severity, String type, String title) {
        return JSON.createObjectNode().put("ErrorSeverity", severity).put("ErrorType", type).put("ErrorTitle", title)
                .put("ErrorMessage", title + " message").put("ErrorDetails", "");
    }

    @Test
    void letsTheFirstErrorDecideOverWarningsAndCountsThemAll() {
        UpgradeResult.Failed failed = PushErrors.failure(List.of(error("Warning", "LimitExceeded", "Close to a limit"),
                error("Error", "DeployError", "Deploy failed")));

        assertThat(failed.errorType()).isEqualTo("DeployError");
        assertThat(failed.title()).isEqualTo("Deploy failed");
        assertThat(failed.details()).contains("(2 errors reported)");
    }

    @Test
    void classesAFailedJobByTheOneTableAndAFailureWithoutRowsAsUnclassified() {
        assertThat(PushErrors.failure(List.of(error("Error", "LockingFailure", "Row locked"))).category())
                .isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(PushErrors.failure(List.of(error("Error", "SomethingNew", "New"))).category())
                .isEqualTo(ErrorCategory.PERMANENT);
        assertThat(PushErrors.failure(List.of())).satisfies(f -> {
            assertThat(f.errorType()).isEqualTo("UnclassifiedError");
            assertThat(f.category()).isEqualTo(ErrorCategory.TRANSIENT);
        });
    }

    @Test
    void turnsARequestThatCouldNotBeScheduledIntoAPermanentFailureWithItsCause() {
        SalesforceException unavailable = new SalesforceException(SalesforceException.Category.TRANSIENT, 503,
                "HTTP_503", "update PackagePushRequest failed with HTTP 503", List.of(), null);

        GatewayException failure = PushErrors.notScheduled(new CompletionException(unavailable),
                Instant.parse("2025-03-01T14:00:00Z"));

        assertThat(failure.errorCode()).isEqualTo("HTTP_503");
        assertThat(failure.category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(failure.getMessage()).contains("2025-03-01T14:00:00Z").contains("canceled");
    }
}
