package io.upshift.notifier.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the service's wall clock with one a test can move forward. */
@TestConfiguration(proxyBeanMethods = false)
public class SteerableClockConfiguration {

    @Bean
    SteerableClock clock() {
        return new SteerableClock();
    }
}
