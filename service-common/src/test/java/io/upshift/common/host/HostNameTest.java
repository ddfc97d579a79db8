package io.upshift.common.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNameTest {

    @Test
    void prefersTheNameTheEnvironmentGives() {
        assertThat(HostName.of("executor-7d9f-x2")).contains("executor-7d9f-x2");
    }

    @Test
    void asksTheNetworkStackWhenTheEnvironmentIsSilent() {
        assertThat(HostName.of(" ")).hasValueSatisfying(name -> assertThat(name).isNotBlank());
        assertThat(HostName.of(null)).isEqualTo(HostName.of(""));
    }
}
