package io.upshift.common.startup;

import io.upshift.common.kafka.UpshiftKafkaProperties;
import io.upshift.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Fails start-up with a message that names the broker (or the schema registry) when it cannot
 * be reached in time — before any listener starts and hides the cause in retry logs.
 */
public class KafkaStartupCheck implements InitializingBean {

    private final KafkaProperties kafka;
    private final UpshiftKafkaProperties upshift;
    private final SchemaRegistryClient registry;

    public KafkaStartupCheck(KafkaProperties kafka, UpshiftKafkaProperties upshift, SchemaRegistryClient registry) {
        this.kafka = kafka;
        this.upshift = upshift;
        this.registry = registry;
    }

    @Override
    public void afterPropertiesSet() {
        checkBroker();
        checkRegistry();
    }

    private void checkBroker() {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        int timeoutMs = (int) upshift.startupTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        String address = String.join(",", kafka.getBootstrapServers());
        try (AdminClient admin = AdminClient.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .clusterId().get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnreachableException("Kafka", address, "spring.kafka.bootstrap-servers", e);
        } catch (Exception e) {
            throw new DependencyUnreachableException("Kafka", address, "spring.kafka.bootstrap-servers", e);
        }
    }

    private void checkRegistry() {
        try {
            registry.subjects();
        } catch (RuntimeException e) {
            throw new DependencyUnreachableException("The schema registry", upshift.schemaRegistryUrl(),
                    "upshift.kafka.schema-registry-url", e);
        }
    }
}
