package io.upshift.common.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The name of the host a service runs on: {@code HOSTNAME} (a Kubernetes pod's name), else what the
 * network stack says. Used wherever a replica names itself (metric tags, executor ids).
 */
public final class HostName {

    private HostName() {
    }

    /** The host's name, or empty when neither the environment nor the network stack knows it. */
    public static Optional<String> current() {
        return of(System.getenv("HOSTNAME"));
    }

    static Optional<String> of(String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment);
        }
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
