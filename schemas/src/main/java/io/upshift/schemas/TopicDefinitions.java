package io.upshift.schemas;

import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the topic catalogue for deployment, so partitions, retention and compaction are
 * written once ({@link Topics}) and used by the devstack and by every deployment alike. The
 * rendered script is committed under {@code deploy/} and kept equal to this rendering by a test.
 */
public final class TopicDefinitions {

    private TopicDefinitions() {
    }

    /**
     * A POSIX shell script that creates every topic (and its dead-letter topic) with
     * {@code kafka-topics.sh}, idempotently. Reads BOOTSTRAP_SERVERS, REPLICATION_FACTOR and
     * KAFKA_BIN from the environment.
     */
    public static String createTopicsScript() {
        StringBuilder script = new StringBuilder("""
                #!/bin/sh
                # GENERATED from io.upshift.schemas.Topics by io.upshift.schemas.TopicDefinitions — do not edit.
                # Regenerate: ./mvnw -q -pl schemas test -Dtest=TopicDefinitionsTest -Dupshift.regenerate=true
                # Creates every Upshift topic and its dead-letter topic; safe to run again.
                set -eu
                : "${BOOTSTRAP_SERVERS:?set BOOTSTRAP_SERVERS, e.g. kafka:9092}"
                REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
                KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"

                create() {
                  topic="$1"; partitions="$2"; shift 2
                  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \\
                    --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION_FACTOR" "$@"
                }

                """);
        for (Topic<?> topic : Topics.all()) {
            script.append("create ").append(topic.name()).append(' ').append(topic.defaultPartitions());
            for (Map.Entry<String, String> config : new TreeMap<>(topic.config()).entrySet()) {
                script.append(" --config ").append(config.getKey()).append('=').append(config.getValue());
            }
            script.append('\n');
            script.append("create ").append(topic.deadLetterTopic()).append(" 1 --config retention.ms=")
                    .append(DEAD_LETTER_RETENTION_MS).append('\n');
        }
        script.append("echo \"upshift: topics ready on $BOOTSTRAP_SERVERS\"\n");
        return script.toString();
    }

    /** Dead letters wait for a person: kept for 30 days. */
    static final long DEAD_LETTER_RETENTION_MS = 30L * 24 * 3600 * 1000;
}
