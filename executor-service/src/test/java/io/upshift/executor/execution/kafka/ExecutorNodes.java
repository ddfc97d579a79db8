package io.upshift.executor.execution.kafka;

import io.upshift.devstack.DevStack;
import io.upshift.executor.ExecutorApplication;
import io.upshift.fleet.world.FleetWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts executors as separate Spring contexts in this JVM — the way the demo and the end-to-end
 * tests run them — against the shared devstack, in a consumer group and a fleet schema of the
 * test's own, so test classes never see each other's commands or orgs.
 */
final class ExecutorNodes implements AutoCloseable {

    private final DevStack stack = DevStack.shared();
    private final String group = "executor-it-" + UUID.randomUUID();
    private final String schema = "fleet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Map<String, Object> shared = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    ExecutorNodes(Map<String, Object> settings) {
        shared.put("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        shared.put("upshift.kafka.schema-registry-url", stack.schemaRegistryUrl());
        shared.put("spring.kafka.consumer.group-id", group);
        shared.put("upshift.executor.simulated.jdbc-url", stack.jdbcUrl("fleet"));
        shared.put("upshift.executor.simulated.username", stack.databaseUser());
        shared.put("upshift.executor.simulated.password", stack.databasePassword());
        shared.put("upshift.executor.simulated.schema", schema);
        shared.put("upshift.executor.retry.initial-backoff", "200ms");
        shared.put("upshift.executor.retry.max-backoff", "1s");
        shared.put("spring.main.banner-mode", "off");
        shared.putAll(settings);
        // The group starts at the topic's end, so commands of earlier test classes are not ours.
        new CommandsTopic(stack).moveGroupToEnd(group);
    }

    String group() {
        return group;
    }

    /** Starts one executor named {@code id}, with the shared settings plus its own. */
    Node start(String id, Map<String, Object> own) {
        Map<String, Object> properties = new LinkedHashMap<>(shared);
        properties.put("upshift.instance-id", id);
        properties.putAll(own);
        // Command-line arguments outrank application.yml, unlike SpringApplicationBuilder.properties().
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ExecutorApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
        started.add(context);
        return new Node(id, context);
    }

    Node start(String id) {
        return start(id, Map.of());
    }

    /** One running executor. */
    record Node(String id, ConfigurableApplicationContext context) {

        CommandConsumer consumer() {
            return context.getBean(CommandConsumer.class);
        }

        FleetWorld world() {
            return context.getBean(FleetWorld.class);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        /** Like kill -9: nothing more is written or committed, then the context goes away. */
        void kill() {
            consumer().crash();
            context.close();
        }
    }

    @Override
    public void close() {
        started.reversed().forEach(context -> {
            if (context.isActive()) {
                context.close();
            }
        });
    }
}
