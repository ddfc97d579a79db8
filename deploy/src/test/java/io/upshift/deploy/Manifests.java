package io.upshift.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** Rendered Kubernetes manifests, parsed, with small helpers to find things in them. */
record Manifests(List<Map<String, Object>> documents) {

    static Manifests parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                documents.add(typed);
            }
        }
        return new Manifests(documents);
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind")));
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).filter(d -> name.equals(path(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    @SuppressWarnings("unchecked")
    static <T> T path(Object node, Object... keys) {
        Object current = node;
        for (Object key : keys) {
            if (current == null) {
                return null;
            }
            current = key instanceof Integer index ? ((List<Object>) current).get(index) : ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }
}
