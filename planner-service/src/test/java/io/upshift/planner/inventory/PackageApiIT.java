package io.upshift.planner.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.schemas.OrgIds;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class PackageApiIT extends InventoryItSupport {

    private static String id(String fifteen) {
        return fifteen + OrgIds.checksum(fifteen);
    }

    private Response createVersion(String packageId, String versionId, String version, String extra) {
        return post("/api/v1/packages/" + packageId + "/versions", "application/json",
                "{\"versionId\":\"" + versionId + "\",\"version\":\"" + version + "\"" + extra + "}");
    }

    @Test
    void registersAPackageByItsFifteenCharacterIdAndListsIt() {
        Response created = post("/api/v1/packages", "application/json",
                "{\"packageId\":\"033A0000000Zz01\",\"name\":\"Invoicing\",\"namespace\":\"inv\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("packageId").asText()).isEqualTo(id("033A0000000Zz01"));
        assertThat(get("/api/v1/packages/033A0000000Zz01").json().get("name").asText()).isEqualTo("Invoicing");
        assertThat(get("/api/v1/packages").json().get("items").findValuesAsText("packageId")).contains(id("033A0000000Zz01"));
    }

    @Test
    void refusesADuplicateOrInvalidPackage() {
        String body = "{\"packageId\":\"033A0000000Zz02\",\"name\":\"Billing\"}";
        assertThat(post("/api/v1/packages", "application/json", body).status()).isEqualTo(201);

        Response duplicate = post("/api/v1/packages", "application/json", body);
        Response wrongPrefix = post("/api/v1/packages", "application/json", "{\"packageId\":\"04tA0000000Zz02\",\"name\":\"X\"}");
        Response noName = post("/api/v1/packages", "application/json", "{\"packageId\":\"033A0000000Zz03\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(wrongPrefix.status()).isEqualTo(400);
        assertThat(wrongPrefix.json().get("detail").asText()).contains("package id starts with 033");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
    }

    @Test
    void listsVersionsOldestFirstComparingNumbersNumerically() {
        String packageId = id("033A0000000Zz04");
        post("/api/v1/packages", "application/json", "{\"packageId\":\"" + packageId + "\",\"name\":\"Sorting\"}");
        int n = 0;
        for (String version : List.of("4.10.0", "4.9.3", "4.2.1.3", "4.2.1")) {
            Response created = createVersion(packageId, id("04tA0000000Zz4" + n++), version, "");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        JsonNode versions = get("/api/v1/packages/" + packageId + "/versions").json().get("items");

        assertThat(StreamSupport.stream(versions.spliterator(), false).map(v -> v.get("version").asText()))
                .containsExactly("4.2.1", "4.2.1.3", "4.9.3", "4.10.0");
        assertThat(versions.get(0).get("releaseState").asText()).isEqualTo("RELEASED");
        assertThat(versions.get(0).get("pushable").asBoolean()).isTrue();
    }

    @Test
    void refusesDuplicateVersionsBadNumbersAndUnknownPackages() {
        String packageId = id("033A0000000Zz05");
        post("/api/v1/packages", "application/json", "{\"packageId\":\"" + packageId + "\",\"name\":\"Dups\"}");
        assertThat(createVersion(packageId, id("04tA0000000Zz50"), "1.0.0", "").status()).isEqualTo(201);

        Response sameNumber = createVersion(packageId, id("04tA0000000Zz51"), "1.0.0", "");
        Response sameId = createVersion(packageId, id("04tA0000000Zz50"), "1.0.1", "");
        Response badNumber = createVersion(packageId, id("04tA0000000Zz52"), "1.0", "");
        Response badUrl = createVersion(packageId, id("04tA0000000Zz53"), "1.0.2", ",\"releaseNotesUrl\":\"ftp://x\"");
        Response unknownPackage = createVersion(id("033A0000000Zz99"), id("04tA0000000Zz54"), "1.0.3", "");
        Response unknownState = createVersion(packageId, id("04tA0000000Zz55"), "1.0.4", ",\"releaseState\":\"GOLD\"");

        assertThat(sameNumber.status()).isEqualTo(409);
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.json().get("errors").get(0).get("field").asText()).isEqualTo("version");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(unknownPackage.status()).isEqualTo(404);
        assertThat(unknownState.status()).isEqualTo(400);
        assertThat(get("/api/v1/packages/" + packageId + "/versions").json().get("items")).hasSize(1);
    }

    @Test
    void registersABetaAndItsReleaseThatShareANumberAndStillRefusesRealConflicts() {
        String packageId = id("033A0000000Zz07");
        post("/api/v1/packages", "application/json", "{\"packageId\":\"" + packageId + "\",\"name\":\"Betas\"}");
        String beta = id("04tA0000000Zz70");
        String release = id("04tA0000000Zz71");

        // "4.2.0 (Beta 3)" and the released "4.2.0", as Salesforce lists them
        Response betaCreated = createVersion(packageId, beta, "4.2.0", ",\"name\":\"4.2.0 (Beta 3)\",\"releaseState\":\"BETA\"");
        Response releaseCreated = createVersion(packageId, release, "4.2.0", ",\"releaseState\":\"RELEASED\"");
        Response sameId = createVersion(packageId, release, "4.2.0", ",\"releaseState\":\"RELEASED\"");
        Response secondRelease = createVersion(packageId, id("04tA0000000Zz72"), "4.2.0", "");
        Response secondBeta = createVersion(packageId, id("04tA0000000Zz73"), "4.2.0", ",\"releaseState\":\"BETA\"");
        Response releaseTheBeta = patch("/api/v1/packages/" + packageId + "/versions/" + beta, "{\"releaseState\":\"RELEASED\"}");

        assertThat(betaCreated.status()).as(betaCreated.body()).isEqualTo(201);
        assertThat(releaseCreated.status()).as(releaseCreated.body()).isEqualTo(201);
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(secondRelease.status()).isEqualTo(409);
        assertThat(secondBeta.status()).isEqualTo(409);
        assertThat(releaseTheBeta.status()).as(releaseTheBeta.body()).isEqualTo(409);
        JsonNode versions = get("/api/v1/packages/" + packageId + "/versions").json().get("items");
        assertThat(StreamSupport.stream(versions.spliterator(), false).map(v -> v.get("versionId").asText()))
                .containsExactly(beta, release);
        assertThat(versions.get(0).get("pushable").asBoolean()).isFalse();
        assertThat(versions.get(1).get("pushable").asBoolean()).isTrue();
    }

    @Test
    void releasesABetaDeprecatesAVersionAndNeverTurnsAReleaseBackIntoABeta() {
        String packageId = id("033A0000000Zz06");
        post("/api/v1/packages", "application/json", "{\"packageId\":\"" + packageId + "\",\"name\":\"Lifecycle\"}");
        String versionId = id("04tA0000000Zz60");
        createVersion(packageId, versionId, "2.0.0", ",\"releaseState\":\"BETA\"");
        String path = "/api/v1/packages/" + packageId + "/versions/" + versionId;

        JsonNode released = send("PATCH", path, "{\"releaseState\":\"RELEASED\",\"releaseNotesUrl\":\"https://example.com/2.0\"}");
        JsonNode deprecated = send("PATCH", path, "{\"deprecated\":true}");
        Response backToBeta = patch(path, "{\"releaseState\":\"BETA\"}");

        assertThat(released.get("releaseState").asText()).isEqualTo("RELEASED");
        assertThat(released.get("releaseNotesUrl").asText()).isEqualTo("https://example.com/2.0");
        assertThat(deprecated.get("deprecated").asBoolean()).isTrue();
        assertThat(deprecated.get("pushable").asBoolean()).isFalse();
        assertThat(deprecated.get("releaseNotesUrl").asText()).isEqualTo("https://example.com/2.0");
        assertThat(backToBeta.status()).isEqualTo(409);
        assertThat(backToBeta.json().get("currentState").asText()).isEqualTo("RELEASED");
        assertThat(get(path).json().get("releaseState").asText()).isEqualTo("RELEASED");
    }

    private JsonNode send(String method, String path, String body) {
        Response response = patch(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response patch(String path, String body) {
        return request("PATCH", path, body);
    }
}
