package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local run by hand: whose admin key it uses. */
class LocalRunTest {

    @Test
    void theAdminKeyInTheEnvironmentIsTheRunsKey() {
        String key = "a-key-of-at-least-thirty-two-characters";
        assertThat(UpshiftDemo.adminKeyFromEnvironment(Map.of("UPSHIFT_BOOTSTRAP_ADMIN_KEY", " " + key + "\n"))).isEqualTo(key);
        assertThat(UpshiftDemo.adminKeyFromEnvironment(Map.of())).isNull();
        assertThat(UpshiftDemo.adminKeyFromEnvironment(Map.of("UPSHIFT_BOOTSTRAP_ADMIN_KEY", " "))).isNull();
    }

    @Test
    void aShortKeyInTheEnvironmentIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> UpshiftDemo.adminKeyFromEnvironment(Map.of("UPSHIFT_BOOTSTRAP_ADMIN_KEY", "short-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 characters")
                .hasMessageNotContaining("short-secret");
    }
}
