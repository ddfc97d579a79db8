package io.upshift.common.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartupFailureTest {

    @SpringBootApplication
    static class AnyService {
    }

    @Test
    void anUnreachableBrokerFailsStartUpNamingKafkaItsAddressAndTheSetting() {
        Throwable failure = catchThrowable(() -> start(
                "spring.kafka.bootstrap-servers=localhost:1",
                "upshift.kafka.schema-registry-url=mock://startup-test",
                "upshift.kafka.startup-timeout=1s"));

        FailureAnalysis analysis = new UnreachableDependencyFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("Kafka at localhost:1 is unreachable");
        assertThat(analysis.getAction()).contains("spring.kafka.bootstrap-servers");
    }

    @Test
    void anUnreachableSchemaRegistryFailsStartUpNamingIt() {
        DependencyUnreachableException e = new DependencyUnreachableException("The schema registry",
                "http://localhost:1", "upshift.kafka.schema-registry-url", new java.net.ConnectException("refused"));

        FailureAnalysis analysis = new UnreachableDependencyFailureAnalyzer().analyze(new IllegalStateException(e));

        assertThat(analysis.getDescription())
                .isEqualTo("The schema registry at http://localhost:1 is unreachable: ConnectException: refused");
        assertThat(analysis.getAction()).contains("upshift.kafka.schema-registry-url");
    }

    @Test
    void aRefusedDatabaseConnectionIsReportedAsPostgresUnreachable() {
        java.sql.SQLException refused = new java.sql.SQLException("Connection to localhost:1 refused", "08001",
                new java.net.ConnectException("Connection refused"));

        FailureAnalysis analysis = new UnreachableDependencyFailureAnalyzer()
                .analyze(new RuntimeException("Unable to obtain connection from database", refused));

        assertThat(analysis.getDescription()).startsWith("PostgreSQL is unreachable");
        assertThat(analysis.getAction()).contains("spring.datasource.url");
    }

    @Test
    void invalidSettingsFailStartUpNamingTheProperty() {
        Throwable failure = catchThrowable(() -> start(
                "upshift.kafka.schema-registry-url=mock://startup-test",
                "upshift.kafka.startup-check=false",
                "upshift.kafka.delivery-attempts=0"));

        assertThat(failure).hasStackTraceContaining("upshift.kafka")
                .hasStackTraceContaining("deliveryAttempts");
    }

    private static void start(String... properties) {
        SpringApplication application = new SpringApplicationBuilder(AnyService.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .build();
        application.run().close();
    }
}
