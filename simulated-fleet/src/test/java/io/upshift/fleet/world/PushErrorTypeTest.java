package io.upshift.fleet.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.schemas.PushErrorTypes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PushErrorTypeTest {

    @Test
    void theFleetFailsWithEveryTypeOfTheOneTableAndOnlyThose() {
        assertThat(Arrays.stream(PushErrorType.values()).map(PushErrorType::salesforceName))
                .containsExactlyInAnyOrderElementsOf(PushErrorTypes.all());
    }
}
