package io.upshift.schemas.serde;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry that a producer, a consumer and a downstream
 * team need. Implementations must be thread-safe.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; {@link UnknownSchemaException} when there is none. */
    Schema schemaById(int id);

    /** The newest version registered under the subject. */
    Optional<RegisteredSchema> latest(String subject);

    List<String> subjects();

    /** One version of a subject, as the registry reports it. */
    record RegisteredSchema(String subject, int version, int id, Schema schema) {
    }

    /** The registry has no schema with the requested id. */
    final class UnknownSchemaException extends RuntimeException {
        public UnknownSchemaException(int id) {
            super("no schema with id " + id + " in the schema registry");
        }
    }

    /** The registry could not be reached or answered with an error. */
    final class RegistryUnavailableException extends RuntimeException {
        public RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
