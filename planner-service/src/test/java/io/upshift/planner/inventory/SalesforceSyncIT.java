package io.upshift.planner.inventory;

import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.planner.support.CampaignJson;
import io.upshift.salesforce.stub.PushUpgradeCustomization;
import io.upshift.salesforce.stub.SalesforceStub.Subscriber;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import io.upshift.security.testing.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSyncIT extends InventoryItSupport {

    private String packageId;
    private String v410;
    private String v420;
    private String beta;
    private int[] orgs;

    /** Given a package in Salesforce with versions 4.1.0, 4.2.0 and beta 4.3.0, of which Upshift knows all but 4.2.0. */
    @BeforeEach
    void packagingOrg() {
        packageId = SALESFORCE.addPackage("Invoicing", "inv");
        v410 = SALESFORCE.addVersion(packageId, "4.1.0");
        v420 = SALESFORCE.addVersion(packageId, "4.2.0");
        beta = SALESFORCE.addVersion(packageId, "4.3.0", "Beta", false);
        SALESFORCE.pageSize(2);
        assertThat(post("/api/v1/packages", "application/json",
                "{\"packageId\":\"" + packageId + "\",\"name\":\"Invoicing\"}").status()).isEqualTo(201);
        register(v410, "4.1.0", "RELEASED");
        register(beta, "4.3.0", "BETA");
        orgs = orgBlock(5);
    }

    @AfterEach
    void defaultPages() {
        SALESFORCE.pageSize(2000);
    }

    private void register(String versionId, String version, String state) {
        Response created = post("/api/v1/packages/" + packageId + "/versions", "application/json",
                "{\"versionId\":\"" + versionId + "\",\"version\":\"" + version + "\",\"releaseState\":\"" + state + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private Response sync(String query) {
        return post("/api/v1/packages/" + packageId + "/subscribers/sync" + query, "application/json", "");
    }

    private JsonNode org(int n) {
        return get("/api/v1/orgs/" + orgId(orgs[n])).json();
    }

    @Test
    void syncsEveryPageOfSubscribersAndReportsThoseOnAnUnknownVersion() {
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[0]), packageId, v410).withName("Acme"));
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[1]), packageId, beta).withType("Sandbox").withInstance("CS42"));
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[2]), packageId, v410).withStatus("Inactive"));
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[3]), packageId, v420));
        SALESFORCE.addSubscriber(new Subscriber(orgId(orgs[4]), "Gone", "Production", "Active", "EU25", "u",
                packageId, v410));

        Response answer = sync("");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("source").asText()).isEqualTo("SALESFORCE");
        assertThat(report.get("rows").asLong()).isEqualTo(5);
        assertThat(report.get("inserted").asLong()).isEqualTo(4);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("errors").get(0).get("column").asText()).isEqualTo("MetadataPackageVersionId");
        assertThat(report.get("errors").get(0).get("reason").asText()).contains(v420).contains("is not registered");

        assertThat(org(0).get("orgName").asText()).isEqualTo("Acme");
        assertThat(org(0).get("source").asText()).isEqualTo("SALESFORCE");
        assertThat(org(0).get("installedPackages").get(0).get("version").asText()).isEqualTo("4.1.0");
        assertThat(org(1).get("orgType").asText()).isEqualTo("SANDBOX");
        assertThat(org(1).get("instance").asText()).isEqualTo("CS42");
        assertThat(org(1).get("installedPackages").get(0).get("beta").asBoolean()).isTrue();
        assertThat(org(2).get("status").asText()).isEqualTo("INACTIVE");
        assertThat(get("/api/v1/orgs/" + orgId(orgs[3])).status()).isEqualTo(404);
        // an org the package was never installed in is still one of its orgs: kept as not installed, without version
        assertThat(org(4).get("installedPackages")).singleElement().satisfies(p -> {
            assertThat(p.get("installed").asBoolean()).isFalse();
            assertThat(p.get("version").isNull()).isTrue();
        });
    }

    @Test
    void syncingAgainChangesNothingAndKeepsWhatSalesforceDoesNotKnow() {
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[0]), packageId, v410));
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[1]), packageId, v410));
        sync("");
        assertThat(put("/api/v1/orgs/" + orgId(orgs[0]) + "/exclusion", "{\"excluded\":true,\"note\":\"audit\"}").status())
                .isEqualTo(200);
        post("/api/v1/packages/" + packageId + "/subscribers/import", "text/csv",
                "org_id,time_zone\n" + orgId(orgs[0]) + ",Europe/Berlin\n");

        JsonNode again = sync("").json();

        assertThat(again.get("inserted").asLong()).isZero();
        assertThat(again.get("updated").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);
        assertThat(org(0).get("excluded").asBoolean()).isTrue();
        assertThat(org(0).get("timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aStrictSyncStoresNothingWhenOneSubscriberIsOnAnUnknownVersion() {
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[0]), packageId, v410));
        SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[1]), packageId, v420));

        Response answer = sync("?partial=false");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("rejected").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/orgs/" + orgId(orgs[0])).status()).isEqualTo(404);
    }

    @Test
    void retriesAPageThatHitTheApiLimitAndLogsInAgainWhenTheSessionExpires() {
        for (int i = 0; i < 5; i++) {
            SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[i]), packageId, v410));
        }
        SALESFORCE.expireSessions();
        SALESFORCE.injectFault(StubRoute.QUERY, StubFault.REQUEST_LIMIT_EXCEEDED, 2);

        Response answer = sync("");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("inserted").asLong()).isEqualTo(5);
    }

    @Test
    void storesNothingWhenSalesforceKeepsFailing() {
        for (int i = 0; i < 5; i++) {
            SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[i]), packageId, v410));
        }
        SALESFORCE.injectFault(StubRoute.QUERY, StubFault.SERVICE_UNAVAILABLE, 3); // as many as the sync's attempts

        Response answer = sync("");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().get("type").asText()).endsWith("/salesforce-failed");
        assertThat(answer.json().get("category").asText()).isEqualTo("TRANSIENT");
        assertThat(answer.json().get("detail").asText()).contains("nothing was stored");
        assertThat(get("/api/v1/orgs/" + orgId(orgs[0])).status()).isEqualTo(404);
    }

    @Test
    void readsTheSubscribersPushBlocksAndTheirCampaignsExcludeThemAsBlockedBySubscriber() throws Exception {
        // given two subscribers that block pushes of the package, one of them overridden by Salesforce support
        register(v420, "4.2.0", "RELEASED");
        for (int i = 0; i < 4; i++) {
            SALESFORCE.addSubscriber(Subscriber.active(orgId(orgs[i]), packageId, v410));
        }
        SALESFORCE.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(orgId(orgs[0]), packageId));
        SALESFORCE.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(orgId(orgs[1]), packageId).overridden());
        SALESFORCE.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(orgId(orgs[2]), "033000000000000AAA"));

        // when the package's subscribers are synced
        Response answer = sync("");

        // then a campaign of the package excludes the blocked org, and only it, as BLOCKED_BY_SUBSCRIBER
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("inserted").asLong()).isEqualTo(4);
        HttpResponse<String> created = asOperator(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(CampaignJson.forPackage(packageId).with("targetVersion", "4.2.0")
                        // the production default: this context keeps the 24-hour minimum notice period
                        .with("schedule.noticePeriod", "PT72H").json())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String campaign = JSON.readTree(created.body()).get("id").asText();
        JsonNode exclusions = exclusions(campaign);
        assertThat(exclusions.get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("orgId").asText()).isEqualTo(orgId(orgs[0]));
            assertThat(item.get("reason").asText()).isEqualTo("BLOCKED_BY_SUBSCRIBER");
        });

        // and a block added later is read by the next sync
        SALESFORCE.addPushUpgradeCustomization(PushUpgradeCustomization.blocked(orgId(orgs[3]), packageId));
        assertThat(sync("").status()).isEqualTo(200);
        assertThat(exclusions(campaign).get("items"))
                .extracting(item -> item.get("orgId").asText())
                .containsExactlyInAnyOrder(orgId(orgs[0]), orgId(orgs[3]));
    }

    private JsonNode exclusions(String campaignId) throws Exception {
        HttpResponse<String> page = asOperator(HttpRequest.newBuilder(
                uri("/api/v1/campaigns/" + campaignId + "/preview/exclusions")).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    /** Campaigns are an operator's: the inventory's calls go as an administrator. */
    private static HttpResponse<String> asOperator(HttpRequest.Builder request) throws Exception {
        request.header("Authorization", "Bearer " + TestIssuer.shared().token("release-manager", "OPERATOR"));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
