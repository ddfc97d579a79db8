package io.upshift.planner.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.devstack.DevStack;
import io.upshift.messages.OutcomeStatus;
import io.upshift.planner.PlannerApplication;
import io.upshift.planner.shared.metrics.PlannerMetrics;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two planner replicas on one database share a campaign's dispatch and never release an org twice. */
class TwoPlannersIT extends PlannerIT {

    @Autowired
    MeterRegistry meters;

    @Test
    void twoPlannerInstancesNeverDispatchAnOrgTwice() {
        Map<String, Object> properties = new HashMap<>(DevStack.shared().springProperties("planner"));
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("upshift.instance-id", "planner-twin");
        properties.put("upshift.planner.dispatch.interval", "100ms");
        // as command-line arguments: they must win over application.yml, as the test context's do
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext twin = new SpringApplicationBuilder(PlannerApplication.class).run(args)) {
            // given 1,500 orgs, 40 in flight at a time, both planners running
            Inventory.Package pkg = inventory().newPackage();
            pkg.add(Org.production().spreadOver(1500, 5, 31));
            Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id)
                    .with("strategy.canary", null).with("strategy.ramp.type", "SINGLE").with("pacing.maxInFlight", 40)
                    .json());
            String id = created.json().get("id").asText();
            assertThat(api().post("/api/v1/campaigns/" + id + "/schedule").status()).isEqualTo(200);

            try (TestExecutor executor = TestExecutor.answering(id, c -> OutcomeStatus.SUCCEEDED, Duration.ofMillis(20))) {
                // when the campaign runs to its end
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));

                // then each org got exactly one command, and both planners released some of them
                assertThat(executor.received()).hasSize(1500);
                assertThat(executor.received()).extracting(r -> r.command().getOrgId()).doesNotHaveDuplicates();
                double here = released(meters, id);
                double there = released(twin.getBean(MeterRegistry.class), id);
                assertThat(here).as("released by this planner").isPositive();
                assertThat(there).as("released by the twin").isPositive();
                assertThat(here + there).isLessThanOrEqualTo(1500);
            }
        }
    }

    private static double released(MeterRegistry registry, String campaign) {
        Counter counter = registry.find(PlannerMetrics.COMMANDS_RELEASED).tag("campaign", campaign).counter();
        return counter == null ? 0 : counter.count();
    }
}
