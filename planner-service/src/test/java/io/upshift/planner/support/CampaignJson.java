package io.upshift.planner.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mother of campaign requests: a valid definition for a package, changed part by part with
 * {@link #with}, written as the JSON a script would send.
 */
public final class CampaignJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> body = new LinkedHashMap<>();

    private CampaignJson(String packageId) {
        body.put("name", "Push 4.2.1");
        body.put("packageId", packageId);
        body.put("targetVersion", "4.2.1");
        body.put("strategy", new LinkedHashMap<>(Map.of("sandboxesFirst", true, "canary", Map.of("count", 10),
                "ramp", Map.of("type", "DOUBLING"))));
        body.put("schedule", new LinkedHashMap<>(Map.of("noticePeriod", "PT1S")));
        body.put("gate", new LinkedHashMap<>(Map.of("failureThresholdPercent", 20, "minimumFinished", 5)));
        body.put("createdBy", "alice");
    }

    public static CampaignJson forPackage(String packageId) {
        return new CampaignJson(packageId);
    }

    /** Sets a value at a dotted path, e.g. {@code with("gate.failureThresholdPercent", 150)}; null removes it. */
    @SuppressWarnings("unchecked")
    public CampaignJson with(String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = parent.get(parts[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                parent.put(parts[i], child);
            } else if (!(child instanceof LinkedHashMap)) {
                child = new LinkedHashMap<>((Map<String, Object>) child);
                parent.put(parts[i], child);
            }
            parent = (Map<String, Object>) child;
        }
        if (value == null) {
            parent.remove(parts[parts.length - 1]);
        } else {
            parent.put(parts[parts.length - 1], value);
        }
        return this;
    }

    public CampaignJson orgIds(List<String> ids) {
        return with("selection.orgIds", ids);
    }

    public String json() {
        return JSON.writeValueAsString(body);
    }

    @Override
    public String toString() {
        return json();
    }
}
