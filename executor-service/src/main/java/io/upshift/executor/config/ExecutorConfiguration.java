package io.upshift.executor.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** What every feature of the executor shares: its name, and one thread for Kafka client metrics. */
@Configuration(proxyBeanMethods = false)
class ExecutorConfiguration {

    @Bean
    ExecutorIdentity executorIdentity(ExecutorProperties properties, @Value("${upshift.instance-id:}") String instanceId) {
        return ExecutorIdentity.resolve(properties.id(), instanceId);
    }

    /**
     * Micrometer's Kafka binders start a scheduler thread per client unless given one: one shared
     * thread keeps the executor's thread count flat.
     */
    @Bean
    ThreadPoolTaskScheduler kafkaMetricsScheduler(ExecutorIdentity identity) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("upshift-" + identity.id() + "-kafka-metrics-");
        scheduler.setDaemon(true);
        return scheduler;
    }
}
