package io.upshift.planner.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.devstack.DevStackProperties;
import io.upshift.security.testing.TestIssuer;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one planner context the campaign integration tests share (same settings → Spring caches one
 * context): the real devstack broker, database and registry, a fast campaign loop, and the
 * system clock. Tests keep apart by making their own packages and orgs. The API is secured as in
 * production; {@link #api()} calls it with a real signed token ({@link Api}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "upshift.instance-id=planner-campaigns-it",
        "upshift.planner.dispatch.interval=200ms",
        "upshift.planner.outbox.poll-interval=100ms",
        // small batches, so planning, cancel and retry write between cursor fetches in every test
        "upshift.planner.planning.batch-size=500",
        // the tests' campaigns give notices of seconds; the rule itself is tested with shorter ones
        "upshift.planner.planning.minimum-notice-period=1s",
        // a 100 MB upload is refused once 64 MB have been read (BadInputIT)
        "upshift.planner.inventory.imports.max-size=64MB"})
public abstract class PlannerIT {

    @DynamicPropertySource
    static void devstack(DynamicPropertyRegistry registry) {
        DevStackProperties.register(registry, "planner");
        // the API trusts the tests' identity provider: every call carries a real signed token
        TestIssuer.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected DataSource dataSource;

    protected Api api() {
        return new Api(port);
    }

    /** The planner's Prometheus page. */
    protected String prometheus() {
        return io.upshift.devstack.DevStackProperties.get("http://localhost:" + managementPort + "/actuator/prometheus");
    }

    protected Inventory inventory() {
        return new Inventory(dataSource);
    }

    /** Creates and schedules a campaign; returns its id. */
    protected String scheduled(CampaignJson json) {
        Api.Response created = api().post("/api/v1/campaigns", json.json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Response scheduled = api().post("/api/v1/campaigns/" + id + "/schedule");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        return id;
    }

    /** One org of a scheduled campaign, as {@code GET /api/v1/campaigns/{id}/orgs} shows it. */
    protected JsonNode target(String id, String orgId) {
        for (JsonNode t : api().get("/api/v1/campaigns/" + id + "/orgs?limit=1000").json().get("items")) {
            if (t.get("orgId").asText().equals(orgId)) {
                return t;
            }
        }
        throw new AssertionError("campaign " + id + " has no org " + orgId);
    }
}
