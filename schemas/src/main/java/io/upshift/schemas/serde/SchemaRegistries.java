package io.upshift.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a registry client from a URL. {@code http(s)://…} talks to a real registry;
 * {@code mock://scope} shares one in-memory registry per scope inside the JVM — the same
 * convention as Confluent's serde, so test configuration reads the same.
 */
public final class SchemaRegistries {

    /** The Kafka client property our serde reads, named as Confluent's is. */
    public static final String URL_CONFIG = "schema.registry.url";

    private static final Map<String, InMemorySchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();

    private SchemaRegistries() {
    }

    public static SchemaRegistryClient forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL_CONFIG + " is not set: the Avro serde needs a schema registry");
        }
        if (url.startsWith("mock://")) {
            return MOCK_SCOPES.computeIfAbsent(url.substring("mock://".length()), scope -> new InMemorySchemaRegistry());
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(URL_CONFIG + " must be an http(s):// or mock:// URL, got: " + url);
        }
        return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(url));
    }

    static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        Object url = configs.get(URL_CONFIG);
        return forUrl(url == null ? null : url.toString());
    }
}
