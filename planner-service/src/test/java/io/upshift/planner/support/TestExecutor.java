package io.upshift.planner.support;

import io.upshift.devstack.DevStack;
import io.upshift.messages.ErrorCategory;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.SchemaRegistries;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Stands in for the executor in planner tests: reads the commands of one campaign and, after a
 * delay, answers each with the outcome a rule decides — on the real broker, with the real schema
 * registry. It keeps what it saw and sent, with timestamps, so tests can check the caps.
 */
public final class TestExecutor implements AutoCloseable {

    /** A command as received, and when. */
    public record Received(UpgradeCommand command, Instant at) {
    }

    /** An outcome as sent, and when its sending began. */
    public record Sent(UpgradeOutcome outcome, Instant at) {
    }

    private final String campaignId;
    private final Function<UpgradeCommand, OutcomeStatus> rule;
    private final Duration delay;
    private final KafkaConsumer<String, UpgradeCommand> consumer;
    private final KafkaProducer<String, UpgradeOutcome> producer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Thread poller;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private TestExecutor(String campaignId, Function<UpgradeCommand, OutcomeStatus> rule, Duration delay) {
        this.campaignId = campaignId;
        this.rule = rule;
        this.delay = delay;
        DevStack stack = DevStack.shared();
        SchemaRegistryClient registry = SchemaRegistries.forUrl(stack.schemaRegistryUrl());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-executor-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                Topics.UPGRADE_COMMANDS.keyDeserializer(), Topics.UPGRADE_COMMANDS.valueDeserializer(registry));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 1),
                Topics.UPGRADE_OUTCOMES.keySerializer(), Topics.UPGRADE_OUTCOMES.valueSerializer(registry));
        consumer.subscribe(List.of(Topics.UPGRADE_COMMANDS.name()));
        this.poller = Thread.ofPlatform().name("test-executor").daemon().start(this::poll);
    }

    /** Answers every command of the campaign with the rule's status after {@code delay}. */
    public static TestExecutor answering(String campaignId, Function<UpgradeCommand, OutcomeStatus> rule,
            Duration delay) {
        return new TestExecutor(campaignId, rule, delay);
    }

    private void poll() {
        while (running) {
            consumer.poll(Duration.ofMillis(50)).forEach(record -> {
                UpgradeCommand command = record.value();
                if (command == null || !command.getCampaignId().toString().equals(campaignId)) {
                    return;
                }
                received.add(new Received(command, Instant.now()));
                OutcomeStatus status = rule.apply(command);
                if (status != null) {
                    scheduler.schedule(() -> answer(command, status), delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private void answer(UpgradeCommand command, OutcomeStatus status) {
        // the instant the send began: the planner may consume and apply the outcome (and release the
        // next command) before flush() returns here, so a time taken after it could be later than both
        Instant sending = Instant.now();
        sent.add(new Sent(send(command, status), sending));
    }

    /** Sends an outcome for a command now (also used to replay duplicates). */
    public UpgradeOutcome send(UpgradeCommand command, OutcomeStatus status) {
        return send(command, status, Duration.ZERO);
    }

    /** Sends an outcome for a command now, for a push that started {@code took} ago. */
    public UpgradeOutcome send(UpgradeCommand command, OutcomeStatus status, Duration took) {
        Instant now = Instant.now();
        boolean failed = status == OutcomeStatus.FAILED;
        UpgradeOutcome outcome = UpgradeOutcome.newBuilder()
                .setCommandId(command.getCommandId()).setCampaignId(command.getCampaignId())
                .setWaveNumber(command.getWaveNumber()).setOrgId(command.getOrgId()).setStatus(status)
                .setErrorCategory(failed ? ErrorCategory.PERMANENT : null)
                .setErrorCode(failed ? "ApexTestFailure" : null)
                .setErrorMessage(failed ? "Apex tests failed: \"AccountTrigger\", line 42" : null)
                .setVersionBefore(command.getFromVersion())
                .setVersionAfter(status == OutcomeStatus.SUCCEEDED ? command.getTargetVersion() : command.getFromVersion())
                .setAttempts(status == OutcomeStatus.CANCELED ? 0 : 1).setStartedAt(now.minus(took)).setFinishedAt(now)
                .setExecutorId("test-executor").setInstance(command.getInstance()).build();
        producer.send(new ProducerRecord<>(Topics.UPGRADE_OUTCOMES.name(), command.getOrgId(), outcome));
        producer.flush();
        return outcome;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }
}
