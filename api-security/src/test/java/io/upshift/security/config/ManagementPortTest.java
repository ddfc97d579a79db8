package io.upshift.security.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ManagementPortTest {

    @Test
    void refusesToServeTheOpenActuatorPagesOnTheApiPort() {
        assertThatThrownBy(() -> ApiSecurityAutoConfiguration.requireSeparateManagementPort(new MockEnvironment()
                .withProperty("server.port", "8080"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("management.server.port");
        assertThatThrownBy(() -> ApiSecurityAutoConfiguration.requireSeparateManagementPort(new MockEnvironment()
                .withProperty("server.port", "8080").withProperty("management.server.port", "8080")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsAManagementPortOfItsOwn() {
        assertThatCode(() -> ApiSecurityAutoConfiguration.requireSeparateManagementPort(new MockEnvironment()
                .withProperty("server.port", "8080").withProperty("management.server.port", "8081")))
                .doesNotThrowAnyException();
        // both chosen at random when the service starts (tests): two ports
        assertThatCode(() -> ApiSecurityAutoConfiguration.requireSeparateManagementPort(new MockEnvironment()
                .withProperty("server.port", "0").withProperty("management.server.port", "0")))
                .doesNotThrowAnyException();
    }
}
