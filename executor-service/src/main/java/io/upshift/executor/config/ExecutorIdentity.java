package io.upshift.executor.config;

import io.upshift.common.host.HostName;

/**
 * The name this executor gives itself in outcomes ({@code executorId}) and Kafka client ids.
 *
 * @param id {@code upshift.executor.id}, else {@code upshift.instance-id}, else the host name
 */
public record ExecutorIdentity(String id) {

    public static ExecutorIdentity resolve(String configuredId, String instanceId) {
        if (configuredId != null && !configuredId.isBlank()) {
            return new ExecutorIdentity(configuredId.strip());
        }
        if (instanceId != null && !instanceId.isBlank()) {
            return new ExecutorIdentity(instanceId.strip());
        }
        return new ExecutorIdentity(HostName.current().orElse("executor"));
    }
}
