package io.upshift.executor.execution.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.common.kafka.UpshiftKafkaProperties;
import io.upshift.executor.config.ExecutorIdentity;
import io.upshift.executor.config.ExecutorProperties;
import io.upshift.executor.execution.domain.CampaignCatchUp;
import io.upshift.executor.execution.domain.CampaignGate;
import io.upshift.executor.execution.domain.RetryPolicy;
import io.upshift.executor.execution.domain.Scheduler;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.executor.execution.domain.UpgradeRunner;
import io.upshift.executor.execution.metrics.ExecutorMetrics;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Wires the execution feature: the runner, its scheduler, the commands consumer and the outcome producer. */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    /** One thread for every retry and timeout of every run: waiting costs a queue entry, not a thread. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledThreadPoolExecutor executionScheduler(ExecutorIdentity identity) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "upshift-executor-scheduler-" + identity.id());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @Bean
    ExecutorMetrics executorMetrics(MeterRegistry meters) {
        return new ExecutorMetrics(meters);
    }

    @Bean
    UpgradeRunner upgradeRunner(UpgradeGateway gateway, CampaignGate campaigns, ExecutorProperties properties,
            ScheduledThreadPoolExecutor executionScheduler, Clock clock, ExecutorMetrics metrics) {
        ExecutorProperties.Retry retry = properties.retry();
        return new UpgradeRunner(gateway, campaigns,
                new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.multiplier(), retry.maxBackoff()),
                properties.timeouts().call(), properties.timeouts().upgrade(), scheduler(executionScheduler), clock,
                () -> ThreadLocalRandom.current().nextDouble(), metrics);
    }

    @Bean(destroyMethod = "close")
    OutcomePublisher outcomePublisher(AvroKafka avroKafka, ExecutorIdentity identity, MeterRegistry meters,
            ThreadPoolTaskScheduler kafkaMetricsScheduler) {
        Map<String, Object> config = new HashMap<>(Topics.UPGRADE_OUTCOMES.producerConfig());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, identity.id() + "-outcomes");
        ProducerFactory<String, SpecificRecord> factory = avroKafka.producerFactory(config);
        factory.addListener(new MicrometerProducerListener<>(meters, kafkaMetricsScheduler));
        return new OutcomePublisher(factory.createProducer(), identity.id());
    }

    @Bean
    DeadLetterChannel commandsDeadLetterChannel(AvroKafka avroKafka, MeterRegistry meters) {
        return new DeadLetterChannel(avroKafka.deadLetterTemplate(), meters);
    }

    @Bean
    CommandConsumer commandConsumer(AvroKafka avroKafka, OutcomePublisher publisher, UpgradeRunner runner,
            DeadLetterChannel deadLetters,
            CampaignCatchUp campaignEvents, ExecutorProperties properties, UpshiftKafkaProperties kafka,
            ExecutorIdentity identity, ExecutorMetrics metrics, MeterRegistry meters,
            ThreadPoolTaskScheduler kafkaMetricsScheduler) {
        ConsumerFactory<String, UpgradeCommand> factory = avroKafka.consumerFactory(Topics.UPGRADE_COMMANDS, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, identity.id() + "-commands",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.consumer().maxPollRecords(),
                // Only partitions that must move are revoked in a rebalance: the others keep their upgrades running.
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));
        factory.addListener(new MicrometerConsumerListener<>(meters, kafkaMetricsScheduler));
        ConsumerSettings settings = new ConsumerSettings(properties.maxInFlight(), properties.consumer().pollTimeout(),
                properties.consumer().commitInterval(), properties.shutdownGrace(), kafka.deliveryAttempts(),
                kafka.retryBackoff(), properties.consumer().campaignCatchUpLog());
        return new CommandConsumer(factory, publisher, runner,
                deadLetters, campaignEvents,
                settings, metrics);
    }

    @Bean
    CommandsHealthIndicator commandsHealthIndicator(CommandConsumer commandConsumer) {
        return new CommandsHealthIndicator(commandConsumer);
    }

    private static Scheduler scheduler(ScheduledThreadPoolExecutor executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }

}
