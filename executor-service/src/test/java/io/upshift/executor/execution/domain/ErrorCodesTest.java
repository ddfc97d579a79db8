package io.upshift.executor.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodesTest {

    @ParameterizedTest
    @CsvSource({
        "ApexTestFailure, PERMANENT", "DeployError, PERMANENT", "FeatureMissing, PERMANENT",
        "IneligibleUpgrade, PERMANENT", "PACError, PERMANENT", "LimitExceeded, TRANSIENT",
        "LockingFailure, TRANSIENT", "UnclassifiedError, TRANSIENT"})
    void classifiesEveryDocumentedPushErrorType(String type, ErrorCategory category) {
        assertThat(ErrorCodes.categoryOfPushError(type)).contains(category);
    }

    @Test
    void knowsNothingOfUndocumentedTypes() {
        assertThat(ErrorCodes.categoryOfPushError("SomethingNew")).isEmpty();
    }

    @Test
    void keepsMetricTagsBounded() {
        assertThat(ErrorCodes.tagValue("LockingFailure")).isEqualTo("LockingFailure");
        assertThat(ErrorCodes.tagValue(ErrorCodes.TIMEOUT)).isEqualTo("Timeout");
        assertThat(ErrorCodes.tagValue("free text from a gateway 1234")).isEqualTo("Other");
        assertThat(ErrorCodes.tagValue(null)).isEqualTo("none");
    }
}
