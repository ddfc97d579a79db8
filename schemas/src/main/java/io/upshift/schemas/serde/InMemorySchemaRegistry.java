package io.upshift.schemas.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory: ids are global and start at 1, versions are per subject
 * and start at 1, and registering a schema that is already there returns its id — as the
 * Confluent registry does. Used by unit tests and behind devstack's HTTP registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        Integer id = idsBySchema.get(schema);
        if (id == null) {
            id = schemasById.size() + 1;
            schemasById.put(id, schema);
            idsBySchema.put(schema, id);
        }
        List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new UnknownSchemaException(id);
        }
        return schema;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        int id = versions.getLast();
        return Optional.of(new RegisteredSchema(subject, versions.size(), id, schemasById.get(id)));
    }

    /** A given version of a subject (1-based), or empty. */
    public synchronized Optional<RegisteredSchema> version(String subject, int version) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null || version < 1 || version > versions.size()) {
            return Optional.empty();
        }
        int id = versions.get(version - 1);
        return Optional.of(new RegisteredSchema(subject, version, id, schemasById.get(id)));
    }

    /** The versions registered under a subject, oldest first. */
    public synchronized List<Integer> versions(String subject) {
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
            numbers.add(i);
        }
        return numbers;
    }

    @Override
    public synchronized List<String> subjects() {
        return idsBySubject.keySet().stream().sorted().toList();
    }
}
