package io.upshift.demo;

import io.upshift.fleet.world.WorldReport;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a demo campaign ended with.
 *
 * @param status the planner's final campaign status (state, counts by org state, waves)
 * @param emailsSent emails the notifier sent for the campaign, by kind
 * @param world what the simulated fleet did: push jobs started, upgrades applied
 * @param productionOrgsPushed orgs outside the sandbox wave the target version was pushed to
 */
public record DemoResult(String campaignId, String packageId, JsonNode status, Map<String, Long> emailsSent,
        WorldReport world, long productionOrgsPushed) {

    public String state() {
        return status.path("state").asText();
    }

    public long count(String orgState) {
        return status.path("counts").path(orgState).asLong();
    }
}
