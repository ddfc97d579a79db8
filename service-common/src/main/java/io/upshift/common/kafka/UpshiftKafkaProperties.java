package io.upshift.common.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka settings every service shares. The broker address itself is Spring Boot's
 * {@code spring.kafka.bootstrap-servers}.
 *
 * @param schemaRegistryUrl the Confluent-compatible schema registry (http(s):// or mock://scope in tests)
 * @param startupTimeout how long start-up waits for the broker before it fails with a clear message
 * @param deliveryAttempts how often a record is tried before it goes to the dead-letter topic
 * @param retryBackoff pause between those attempts
 */
@Validated
@ConfigurationProperties("upshift.kafka")
public record UpshiftKafkaProperties(
        @NotBlank String schemaRegistryUrl,
        @DefaultValue("30s") Duration startupTimeout,
        @DefaultValue("3") @Min(1) int deliveryAttempts,
        @DefaultValue("200ms") Duration retryBackoff) {
}
