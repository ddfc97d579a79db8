package io.upshift.planner.rehearsal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.fleet.world.PushErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwinFitTest {

    @Test
    void anEmptyHistoryUsesTheDocumentedDefaultsAndSaysSo() {
        Twin twin = TwinFit.fit(List.of(), "2.0", Duration.ofMinutes(10));

        assertThat(twin.spread().median()).isEqualTo(Duration.ofMinutes(10));
        assertThat(twin.failures().fleet()).isEqualTo(TwinFit.DEFAULT_FLEET_RATES);
        assertThat(twin.defaults()).hasSize(3);
    }

    @Test
    void fitsDurationsRatesPodsChronicOrgsTheTargetVersionAndRefusedCalls() {
        List<PastPush> history = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String org = "org" + i;
            String pod = i < 50 ? "NA1" : "EU2";
            // campaign A pushed 1.0: 2 Apex failures on NA1, 5 locking failures on EU2
            boolean fails = (i < 2) || (i >= 50 && i < 55);
            history.add(new PastPush("A", org, pod, "1.0", fails ? "FAILED" : "SUCCEEDED",
                    i < 2 ? "ApexTestFailure" : fails ? "LockingFailure" : null, i % 10 == 0 ? 3 : 1,
                    Duration.ofMinutes(5 + i % 10)));
        }
        // org99 failed twice: chronic
        history.add(new PastPush("B", "org99", "EU2", "1.1", "FAILED", "DeployError", 1, Duration.ofMinutes(1)));
        history.add(new PastPush("C", "org99", "EU2", "1.2", "FAILED", "DeployError", 1, Duration.ofMinutes(1)));
        // the target version halted in its canary: 3 of 4 failed Apex tests
        for (int i = 0; i < 4; i++) {
            history.add(new PastPush("D", "org" + (10 + i), "NA1", "2.0", i < 3 ? "FAILED" : "SUCCEEDED",
                    i < 3 ? "ApexTestFailure" : null, 1, Duration.ofMinutes(6)));
        }

        Twin twin = TwinFit.fit(history, "2.0", Duration.ofMinutes(10));

        assertThat(twin.defaults()).isEmpty();
        assertThat(twin.chronic()).containsOnlyKeys("org99");
        assertThat(twin.chronic().get("org99").type()).isEqualTo(PushErrorType.DEPLOY_ERROR);
        // fleet: 99 pushes of 1.0 (org99's left out), 2 Apex, 5 locking
        assertThat(twin.failures().fleet().rate(PushErrorType.APEX_TEST_FAILURE)).isCloseTo(2 / 99.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(twin.failures().byInstance()).containsKey("EU2");
        assertThat(twin.failures().byVersion().get("2.0").rate(PushErrorType.APEX_TEST_FAILURE)).isGreaterThan(0.7);
        assertThat(twin.failures().unavailableRate()).isGreaterThan(0);
        assertThat(twin.ownMedian()).containsKey("org5");
        assertThat(twin.spread().median()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(14));
    }
}
