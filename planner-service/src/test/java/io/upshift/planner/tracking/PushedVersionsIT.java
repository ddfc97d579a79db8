package io.upshift.planner.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.importing.OrgImporter;
import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.Inventory.Org;
import io.upshift.planner.support.PlannerIT;
import io.upshift.planner.support.TestExecutor;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The inventory remembers what Upshift pushed, and an import that read the org before the push does not undo it. */
class PushedVersionsIT extends PlannerIT {

    @Autowired
    OrgImporter importer;

    @Test
    void aSucceededPushShowsOnTheOrgAndANewDraftCountsItAsAlreadyOnTheTarget() {
        // given three orgs on 4.1.3, pushed 4.2.1: two succeed, one fails
        Inventory.Package pkg = inventory().newPackage();
        List<String> orgs = pkg.add(Org.production().times(3));
        String failing = orgs.get(2);
        String id = scheduled(pkg);

        // when
        try (TestExecutor executor = TestExecutor.answering(id, c -> c.getOrgId().equals(failing)
                ? OutcomeStatus.FAILED : OutcomeStatus.SUCCEEDED, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    api().get("/api/v1/campaigns/" + id).json().get("state").asText()).isEqualTo("COMPLETED"));
        }

        // then the succeeded orgs are on 4.2.1 in the inventory, the failed one is where it was
        assertThat(installed(orgs.get(0), pkg.id).get("version").asText()).isEqualTo("4.2.1");
        assertThat(installed(orgs.get(1), pkg.id).get("version").asText()).isEqualTo("4.2.1");
        assertThat(installed(failing, pkg.id).get("version").asText()).isEqualTo("4.1.3");
        // and a new campaign for 4.2.1 counts them as already on it: no notice for an upgrade that happened
        Response draft = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).json());
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        JsonNode preview = api().get("/api/v1/campaigns/" + draft.json().get("id").asText() + "/preview").json();
        assertThat(preview.get("eligible").asLong()).isEqualTo(1);
        assertThat(preview.get("plan").get("excluded").get("ALREADY_ON_TARGET").asLong()).isEqualTo(2);
    }

    @Test
    void anImportThatBeganBeforeThePushWasAppliedDoesNotRollItBackButOneThatBeganAfterDoes() throws Exception {
        // given an org on 4.1.3 whose 4.2.1 command is out
        Inventory.Package pkg = inventory().newPackage();
        String org = pkg.add(List.of(Org.production())).getFirst();
        String id = scheduled(pkg);
        try (TestExecutor executor = TestExecutor.answering(id, c -> null, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> executor.received().size() == 1);
            UpgradeCommand command = executor.received().getFirst().command();

            // when an import (a sync reading its pages) has read the org on 4.1.3, then the push is applied
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch pushApplied = new CountDownLatch(1);
            CompletableFuture<ImportReport> before = CompletableFuture.supplyAsync(() -> importer.importRows(pkg.id,
                    OrgSource.SALESFORCE, "SALESFORCE", EnumSet.of(ImportColumn.ORG_ID, ImportColumn.INSTALLED_VERSION),
                    false, sink -> {
                        sink.accept(on(org, "4.1.3"));
                        read.countDown();
                        waitFor(pushApplied);
                    }));
            assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
            executor.send(command, OutcomeStatus.SUCCEEDED);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api().get("/api/v1/campaigns/" + id)
                    .json().get("counts").get("SUCCEEDED").asInt()).isEqualTo(1));
            pushApplied.countDown();

            // then the import is stored, but the org stays on what was pushed
            assertThat(before.get(60, TimeUnit.SECONDS).stored()).isTrue();
            assertThat(installed(org, pkg.id).get("version").asText()).isEqualTo("4.2.1");
        }

        // and an import that began after the push sees a real downgrade
        Response after = api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,installed_version\n" + org + ",4.1.3\n"));
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(installed(org, pkg.id).get("version").asText()).isEqualTo("4.1.3");
        // and an uninstall
        Response uninstalled = api().send("POST", "/api/v1/packages/" + pkg.id + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,installed_version\n" + org + ",\n"));
        assertThat(uninstalled.status()).as(uninstalled.toString()).isEqualTo(200);
        assertThat(installed(org, pkg.id).get("installed").asBoolean()).isFalse();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from installed_package where org_id = ? and pushed_at is not null", Long.class, org))
                .isEqualTo(1);
    }

    private String scheduled(Inventory.Package pkg) {
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(pkg.id).with("strategy.canary", null)
                .with("strategy.ramp.type", "SINGLE").with("gate.failureThresholdPercent", 50).json());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response scheduled = api().post("/api/v1/campaigns/" + id + "/schedule");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        return id;
    }

    private JsonNode installed(String orgId, String packageId) {
        Response org = api().get("/api/v1/orgs/" + orgId);
        assertThat(org.status()).as(org.toString()).isEqualTo(200);
        for (JsonNode installed : org.json().get("installedPackages")) {
            if (installed.get("packageId").asText().equals(packageId)) {
                return installed;
            }
        }
        throw new AssertionError("org " + orgId + " has no row for package " + packageId + ": " + org.text());
    }

    private static OrgRow on(String orgId, String version) {
        return new OrgRow(1, orgId, null, null, null, null, PackageVersionNumber.parse(version), null, null, null, null,
                List.of(), false, null);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the push was not applied in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
