package io.upshift.planner.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.support.Api.Response;
import io.upshift.planner.support.CampaignJson;
import io.upshift.planner.support.Inventory;
import io.upshift.planner.support.PlannerIT;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Salesforce beta and its release share a number: a campaign for the number pushes the release. */
class BetaAndReleaseIT extends PlannerIT {

    @Test
    void aCampaignForANumberSharedByABetaAndItsReleaseTargetsTheReleaseAndKeepsOrgsOnTheBetaOut() {
        // given a package with 4.1.3, "4.2.0 (Beta 3)" and the released 4.2.0, all registered through the API
        String packageId = Inventory.id("033");
        assertCreated(api().post("/api/v1/packages", "{\"packageId\":\"" + packageId + "\",\"name\":\"Betas\"}"));
        register(packageId, Inventory.id("04t"), "4.1.3", "RELEASED", "4.1.3");
        String beta = register(packageId, Inventory.id("04t"), "4.2.0", "BETA", "4.2.0 (Beta 3)");
        String release = register(packageId, Inventory.id("04t"), "4.2.0", "RELEASED", "4.2.0");
        // and three orgs: on 4.1.3, on the beta, on the release (its beta flag left to the registered versions)
        String older = Inventory.orgId();
        String onBeta = Inventory.orgId();
        String onRelease = Inventory.orgId();
        Response imported = api().send("POST", "/api/v1/packages/" + packageId + "/subscribers/import", "text/csv",
                BodyPublishers.ofString("org_id,org_type,status,instance,installed_version,beta\n"
                        + older + ",PRODUCTION,ACTIVE,NA1,4.1.3,\n"
                        + onBeta + ",SANDBOX,ACTIVE,CS1,4.2.0,true\n"
                        + onRelease + ",PRODUCTION,ACTIVE,NA1,4.2.0,\n"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("inserted").asLong()).isEqualTo(3);

        // when
        Response created = api().post("/api/v1/campaigns", CampaignJson.forPackage(packageId)
                .with("targetVersion", "4.2.0").json());

        // then the campaign targets the released 4.2.0, never the beta
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("targetVersionId").asText()).isEqualTo(release).isNotEqualTo(beta);
        // the org on the beta cannot be upgraded (Salesforce: IneligibleUpgrade), the one on the release is done
        JsonNode preview = api().get("/api/v1/campaigns/" + created.json().get("id").asText() + "/preview").json();
        assertThat(preview.get("eligible").asLong()).isEqualTo(1);
        assertThat(preview.get("plan").get("excluded").get("BETA_INSTALLED").asLong()).isEqualTo(1);
        assertThat(preview.get("plan").get("excluded").get("ALREADY_ON_TARGET").asLong()).isEqualTo(1);
        assertThat(api().get("/api/v1/orgs/" + onRelease).json().get("installedPackages").get(0).get("beta").asBoolean())
                .isFalse();
    }

    private String register(String packageId, String versionId, String number, String state, String name) {
        assertCreated(api().post("/api/v1/packages/" + packageId + "/versions", "{\"versionId\":\"" + versionId
                + "\",\"version\":\"" + number + "\",\"releaseState\":\"" + state + "\",\"name\":\"" + name + "\"}"));
        return versionId;
    }

    private static void assertCreated(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
