package io.upshift.executor.execution.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the commands consumer: DOWN once its loop has died (the executor takes no more
 * commands and should be restarted), UP otherwise, with what it holds and runs.
 */
final class CommandsHealthIndicator implements HealthIndicator {

    private final CommandConsumer consumer;

    CommandsHealthIndicator(CommandConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        Health.Builder health = "failed".equals(consumer.state()) ? Health.down() : Health.up();
        health.withDetail("state", consumer.state())
                .withDetail("assignedPartitions", consumer.assignedPartitions())
                .withDetail("heldCommands", consumer.heldCommands())
                .withDetail("runningUpgrades", consumer.runningUpgrades())
                .withDetail("fetchingPaused", consumer.fetchingPaused());
        if (consumer.failure() != null) {
            health.withDetail("failure", consumer.failure());
        }
        return health.build();
    }
}
