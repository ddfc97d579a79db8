package io.upshift.planner.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.SimulatedOrg;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedFleetIT extends InventoryItSupport {

    private static final int FLEET = 20_000;

    @Test
    void loadsTwentyThousandSimulatedOrgsThroughTheImportWriterAndLoadingAgainChangesNothing() {
        String packageId = newPackage();
        String body = "{\"count\":" + FLEET + ",\"seed\":4242,\"betaShare\":0.03}";

        Response first = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json", body);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode report = first.json();
        assertThat(report.get("source").asText()).isEqualTo("SIMULATED");
        assertThat(report.get("rows").asLong()).isEqualTo(FLEET);
        assertThat(report.get("inserted").asLong()).isEqualTo(FLEET);

        Map<String, Long> stored = jdbc.sql("select o.org_type, count(*) from subscriber_org o join installed_package p "
                        + "on p.org_id = o.org_id and p.package_id = ? and p.installed where o.source = 'SIMULATED' "
                        + "group by o.org_type")
                .param(packageId).query((row, n) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long sandboxes = stored.getOrDefault("SANDBOX", 0L);
        long installed = stored.values().stream().mapToLong(Long::longValue).sum();
        assertThat(installed).isCloseTo((long) (FLEET * 0.98), within(300L));
        assertThat(sandboxes / (double) installed).isCloseTo(0.30, within(0.02));
        // the package's own versions are used, the beta one flagged beta
        assertThat(jdbc.sql("select distinct installed_version from installed_package where package_id = ? and installed")
                .param(packageId).query(String.class).list()).containsExactlyInAnyOrder("4.0.3", "4.1.2", "4.2.0", "4.3.0");
        assertThat(jdbc.sql("select bool_and(beta = (installed_version = '4.3.0')) from installed_package where package_id = ? and installed")
                .param(packageId).query(Boolean.class).single()).isTrue();

        JsonNode again = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json", body).json();
        assertThat(again.get("inserted").asLong()).isZero();
        assertThat(again.get("updated").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(FLEET);
    }

    @Test
    void modelsSubscribersThatBlockPushes() {
        String packageId = newPackage();

        post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json",
                "{\"count\":2000,\"seed\":5,\"pushBlockedShare\":0.1}");

        Map<Boolean, Long> byBlock = jdbc.sql("select push_blocked, count(*) from installed_package "
                        + "where package_id = ? and installed group by push_blocked")
                .param(packageId).query((row, n) -> Map.entry(row.getBoolean(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long blocked = byBlock.getOrDefault(true, 0L);
        assertThat(blocked / (double) (blocked + byBlock.getOrDefault(false, 0L))).isCloseTo(0.10, within(0.03));
    }

    @Test
    void storesEachOrgAsTheGeneratorMadeIt() {
        String packageId = newPackage();
        FleetOptions options = FleetOptions.defaults(50, 77).withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN);
        SimulatedOrg expected = new FleetGenerator(options).org(49);

        post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json",
                "{\"count\":50,\"seed\":77,\"windowMode\":\"always_open\",\"installedVersions\":" + versionsJson(options) + "}");

        JsonNode org = get("/api/v1/orgs/" + expected.orgId()).json();
        assertThat(org.get("orgName").asText()).isEqualTo(expected.orgName());
        assertThat(org.get("instance").asText()).isEqualTo(expected.instance());
        assertThat(org.get("timeZone").asText()).isEqualTo(expected.timeZone().getId());
        assertThat(org.get("maintenanceWindow").get("alwaysOpen").asBoolean()).isTrue();
        assertThat(org.get("adminEmails")).hasSize(expected.adminEmails().size());
        assertThat(org.get("source").asText()).isEqualTo("SIMULATED");
    }

    @Test
    void refusesOptionsThatMakeNoSense() {
        String packageId = newPackage();

        Response noCount = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json", "{}");
        Response badShare = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json",
                "{\"count\":10,\"sandboxShare\":1.5}");
        Response badVersion = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json",
                "{\"count\":10,\"installedVersions\":{\"four\":1}}");
        Response badMode = post("/api/v1/packages/" + packageId + "/subscribers/simulated", "application/json",
                "{\"count\":10,\"windowMode\":\"SOMETIMES\"}");

        assertThat(noCount.status()).isEqualTo(400);
        assertThat(badShare.status()).isEqualTo(400);
        assertThat(badShare.json().get("errors").get(0).get("field").asText()).isEqualTo("sandboxShare");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.json().get("detail").asText()).contains("'four' is not a version number");
        assertThat(badMode.status()).isEqualTo(422);
        assertThat(badMode.json().get("detail").asText()).contains("REALISTIC or ALWAYS_OPEN");
    }

    private static String versionsJson(FleetOptions options) {
        return options.installedVersions().stream().map(w -> "\"" + w.value() + "\":" + w.weight())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
