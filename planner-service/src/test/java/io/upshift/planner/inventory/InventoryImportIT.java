package io.upshift.planner.inventory;

import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static io.upshift.planner.inventory.InventoryFixtures.orgId15;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InventoryImportIT extends InventoryItSupport {

    private static final String HEADER = "org_id,org_name,org_type,status,instance,installed_version,beta,time_zone,"
            + "window_days,window_start,window_end,locale,admin_emails,excluded,excluded_note\n";

    private Response importCsv(String packageId, String csv, boolean partial) {
        return post("/api/v1/packages/" + packageId + "/subscribers/import" + (partial ? "?partial=true" : ""),
                "text/csv", csv);
    }

    private static String row(int org, String name, String version) {
        return orgId(org) + "," + name + ",PRODUCTION,Active,NA135," + version + ",false,America/New_York,MON-FRI,"
                + "22:00,04:00,en_US,admin@org" + org + ".example;ops@org" + org + ".example,false,\n";
    }

    private long stored(int... orgs) {
        List<String> ids = Arrays.stream(orgs).mapToObj(InventoryFixtures::orgId).toList();
        return jdbc.sql("select count(*) from subscriber_org where org_id in (:ids)").param("ids", ids)
                .query(Long.class).single();
    }

    @Test
    void importsTheSalesforceCliOrgFileAndNormalisesFifteenCharacterIds() {
        String packageId = newPackage();
        int[] orgs = orgBlock(3);

        Response answer = importCsv(packageId, orgId15(orgs[0]) + "\n" + orgId(orgs[1]) + "\n\n" + orgId15(orgs[2]) + "\n",
                false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("format").asText()).isEqualTo("ORG_FILE");
        assertThat(report.get("source").asText()).isEqualTo("CSV");
        assertThat(report.get("rows").asLong()).isEqualTo(3);
        assertThat(report.get("inserted").asLong()).isEqualTo(3);
        assertThat(report.get("rejected").asLong()).isZero();
        assertThat(stored(orgs)).isEqualTo(3);
        Response org = get("/api/v1/orgs/" + orgId15(orgs[0]));
        assertThat(org.status()).isEqualTo(200);
        assertThat(org.json().get("orgId").asText()).isEqualTo(orgId(orgs[0]));
        assertThat(org.json().get("source").asText()).isEqualTo("CSV");
    }

    @Test
    void importsAHeaderedCsvWithEveryColumn() {
        String packageId = newPackage();
        int[] orgs = orgBlock(2);
        String csv = HEADER + row(orgs[0], "\"Acme, Inc\"", "4.1.2")
                + orgId15(orgs[1]) + ",Acme (UAT),sandbox,TRIAL,cs42,4.3.0,true,europe/berlin,ALL,00:00,00:00,de-DE,"
                + "admin@acme.example,yes,pilot customer\n";

        Response answer = importCsv(packageId, csv, false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("format").asText()).isEqualTo("CSV");
        assertThat(answer.json().get("inserted").asLong()).isEqualTo(2);

        JsonNode production = get("/api/v1/orgs/" + orgId(orgs[0])).json();
        assertThat(production.get("orgName").asText()).isEqualTo("Acme, Inc");
        assertThat(production.get("orgType").asText()).isEqualTo("PRODUCTION");
        assertThat(production.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(production.get("instance").asText()).isEqualTo("NA135");
        assertThat(production.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(production.get("maintenanceWindow").toString())
                .isEqualTo("{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"],\"start\":\"22:00\",\"end\":\"04:00\",\"alwaysOpen\":false}");
        assertThat(production.get("adminEmails").toString())
                .isEqualTo("[\"admin@org" + orgs[0] + ".example\",\"ops@org" + orgs[0] + ".example\"]");
        JsonNode installed = production.get("installedPackages").get(0);
        assertThat(installed.get("packageId").asText()).isEqualTo(packageId);
        assertThat(installed.get("version").asText()).isEqualTo("4.1.2");
        assertThat(installed.get("beta").asBoolean()).isFalse();
        assertThat(installed.get("installed").asBoolean()).isTrue();

        JsonNode sandbox = get("/api/v1/orgs/" + orgId(orgs[1])).json();
        assertThat(sandbox.get("orgType").asText()).isEqualTo("SANDBOX");
        assertThat(sandbox.get("instance").asText()).isEqualTo("CS42");
        assertThat(sandbox.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(sandbox.get("locale").asText()).isEqualTo("de_DE");
        assertThat(sandbox.get("maintenanceWindow").get("alwaysOpen").asBoolean()).isTrue();
        assertThat(sandbox.get("excluded").asBoolean()).isTrue();
        assertThat(sandbox.get("excludedNote").asText()).isEqualTo("pilot customer");
        assertThat(sandbox.get("installedPackages").get(0).get("beta").asBoolean()).isTrue();
    }

    @Test
    void rejectsTheWholeImportWhenOneRowIsBadAndChangesNothingStored() {
        String packageId = newPackage();
        int[] orgs = orgBlock(4);
        importCsv(packageId, HEADER + row(orgs[0], "Before", "4.0.3"), false);
        String csv = HEADER + row(orgs[0], "After", "4.1.2") + row(orgs[1], "New", "4.1.2")
                + row(orgs[2], "Bad zone", "4.1.2").replace("America/New_York", "America/Atlantis")
                + "00D123,Short id,PRODUCTION,ACTIVE,NA1,4.1.2,false,UTC,,,,,,,\n"
                + row(orgs[3], "Bad window", "4.1.2").replace("22:00", "");

        Response answer = importCsv(packageId, csv, false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo("https://upshift.dev/problems/import-rejected");
        assertThat(problem.get("rows").asLong()).isEqualTo(5);
        assertThat(problem.get("rejected").asLong()).isEqualTo(3);
        assertThat(problem.get("detail").asText()).contains("nothing was stored").contains("partial=true");
        assertThat(errors(problem)).containsExactly(
                "4 time_zone unknown time zone 'America/Atlantis', expected an IANA zone such as Europe/Berlin",
                "5 org_id org id must have 15 or 18 characters, got 6: '00D123'",
                "6 window_start a maintenance window needs window_start (HH:mm)");
        assertThat(stored(orgs[1], orgs[2], orgs[3])).isZero();
        JsonNode before = get("/api/v1/orgs/" + orgId(orgs[0])).json();
        assertThat(before.get("orgName").asText()).isEqualTo("Before");
        assertThat(before.get("installedPackages").get(0).get("version").asText()).isEqualTo("4.0.3");
    }

    @Test
    void aPartialImportStoresTheGoodRowsAndListsTheBadOnes() {
        String packageId = newPackage();
        int[] orgs = orgBlock(3);
        String csv = HEADER + row(orgs[0], "Good", "4.1.2")
                + row(orgs[1], "Bad status", "4.1.2").replace("Active", "Suspended")
                + row(orgs[2], "Good too", "4.2.0");

        Response answer = importCsv(packageId, csv, true);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.get("stored").asBoolean()).isTrue();
        assertThat(report.get("partial").asBoolean()).isTrue();
        assertThat(report.get("inserted").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(errors(report)).containsExactly(
                "3 status unknown status 'Suspended', expected one of [ACTIVE, TRIAL, FREE, DEMO, INACTIVE]");
        assertThat(stored(orgs[0], orgs[2])).isEqualTo(2);
        assertThat(stored(orgs[1])).isZero();
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        String packageId = newPackage();
        int[] orgs = orgBlock(3);
        String csv = HEADER + row(orgs[0], "A", "4.1.2") + row(orgs[1], "B", "4.0.3") + row(orgs[2], "C", "");
        assertThat(importCsv(packageId, csv, false).json().get("inserted").asLong()).isEqualTo(3);
        Map<String, Instant> updatedAt = updatedAt(orgs);

        JsonNode again = importCsv(packageId, csv, false).json();

        assertThat(again.get("inserted").asLong()).isZero();
        assertThat(again.get("updated").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(3);
        assertThat(updatedAt(orgs)).isEqualTo(updatedAt);
    }

    @Test
    void reportsAnOrgThatAppearsTwiceEvenAsFifteenAndEighteenCharacterIds() {
        String packageId = newPackage();
        int[] orgs = orgBlock(2);
        String file = orgId(orgs[0]) + "\n" + orgId(orgs[1]) + "\n" + orgId15(orgs[0]) + "\n";

        Response rejected = importCsv(packageId, file, false);

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(errors(rejected.json())).singleElement().asString()
                .startsWith("3 org_id org " + orgId(orgs[0]) + " is already on line 1");
        assertThat(stored(orgs)).isZero();

        JsonNode partial = importCsv(packageId, file, true).json();
        assertThat(partial.get("inserted").asLong()).isEqualTo(2);
        assertThat(partial.get("rejected").asLong()).isEqualTo(1);
        assertThat(stored(orgs)).isEqualTo(2);
    }

    @Test
    void columnsLeftOutOfAFileKeepWhatIsStoredAndChangedVersionsCountAsUpdates() {
        String packageId = newPackage();
        int[] orgs = orgBlock(3);
        importCsv(packageId, HEADER + row(orgs[0], "A", "4.1.2") + row(orgs[1], "B", "4.1.2") + row(orgs[2], "C", "4.1.2"),
                false);

        JsonNode idsOnly = importCsv(packageId, orgId(orgs[0]) + "\n" + orgId(orgs[1]) + "\n", false).json();
        assertThat(idsOnly.get("unchanged").asLong()).isEqualTo(2);
        assertThat(get("/api/v1/orgs/" + orgId(orgs[0])).json().get("orgName").asText()).isEqualTo("A");

        JsonNode versions = importCsv(packageId, "org_id,installed_version\n" + orgId(orgs[0]) + ",4.2.0\n"
                + orgId(orgs[1]) + ",\n" + orgId(orgs[2]) + ",4.1.2\n", false).json();
        assertThat(versions.get("updated").asLong()).isEqualTo(2);
        assertThat(versions.get("unchanged").asLong()).isEqualTo(1);
        JsonNode upgraded = get("/api/v1/orgs/" + orgId(orgs[0])).json();
        assertThat(upgraded.get("orgName").asText()).isEqualTo("A");
        assertThat(upgraded.get("installedPackages").get(0).get("version").asText()).isEqualTo("4.2.0");
        JsonNode uninstalled = get("/api/v1/orgs/" + orgId(orgs[1])).json().get("installedPackages").get(0);
        assertThat(uninstalled.get("installed").asBoolean()).isFalse();
        assertThat(uninstalled.get("version").asText()).isEqualTo("4.1.2");
    }

    @Test
    void takesTheBetaFlagFromTheRegisteredVersionWhenTheFileHasNoBetaColumn() {
        String packageId = newPackage();
        int[] orgs = orgBlock(2);

        importCsv(packageId, "org_id,installed_version\n" + orgId(orgs[0]) + ",4.3.0\n" + orgId(orgs[1]) + ",4.2.0\n",
                false);

        assertThat(get("/api/v1/orgs/" + orgId(orgs[0])).json().get("installedPackages").get(0).get("beta").asBoolean())
                .isTrue();
        assertThat(get("/api/v1/orgs/" + orgId(orgs[1])).json().get("installedPackages").get(0).get("beta").asBoolean())
                .isFalse();
    }

    @Test
    void acceptsTheFileAsTheFilePartOfAForm() {
        String packageId = newPackage();
        int[] orgs = orgBlock(2);
        String boundary = "upshift-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orgs.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + orgId(orgs[0]) + "\n" + orgId(orgs[1]) + "\n\r\n--" + boundary + "--\r\n";

        Response answer = post("/api/v1/packages/" + packageId + "/subscribers/import", "multipart/form-data; boundary="
                + boundary, form);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("inserted").asLong()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadIsRejectedWithTheLineAndNothingStored() {
        String packageId = newPackage();
        int[] orgs = orgBlock(1);

        Response unknownColumn = importCsv(packageId, "org_id,colour\n" + orgId(orgs[0]) + ",red\n", true);
        Response unterminated = importCsv(packageId, "org_id,org_name\n" + orgId(orgs[0]) + ",\"Acme\n", true);
        Response empty = importCsv(packageId, "\n", false);

        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.json().get("type").asText()).endsWith("/invalid-import-file");
        assertThat(errors(unknownColumn.json())).singleElement().asString().startsWith("1 colour unknown column 'colour'");
        assertThat(unterminated.status()).isEqualTo(422);
        assertThat(unterminated.json().get("detail").asText()).startsWith("line 2: a quoted cell is never closed");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(stored(orgs)).isZero();
    }

    @Test
    void refusesAnUploadLargerThanTheLimit() {
        String packageId = newPackage();
        int[] orgs = orgBlock(1);
        byte[] line = (orgId(orgs[0]) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[5 * 1024 * 1024];
        for (int i = 0; i + line.length <= body.length; i += line.length) {
            System.arraycopy(line, 0, body, i, line.length);
        }

        Response answer = post("/api/v1/packages/" + packageId + "/subscribers/import", "text/csv",
                BodyPublishers.ofByteArray(body));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("detail").asText()).contains("4194304 bytes").contains("nothing was stored");
        assertThat(stored(orgs)).isZero();
    }

    @Test
    void stopsAStreamedUploadWithoutALengthOnceItPassesTheLimit() {
        String packageId = newPackage();
        int[] orgs = orgBlock(1);
        String line = orgId(orgs[0]) + "\n";
        byte[] body = line.repeat(5 * 1024 * 1024 / line.length()).getBytes(StandardCharsets.US_ASCII);

        Response answer = post("/api/v1/packages/" + packageId + "/subscribers/import", "text/csv",
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.json().get("detail").asText()).contains("larger than 4194304 bytes");
        assertThat(stored(orgs)).isZero();
    }

    @Test
    void answersUnknownAndMalformedPackagesAndUnsupportedBodiesWithProblems() {
        String unknown = InventoryFixtures.packageId('9');

        assertThat(importCsv(unknown, orgId(1) + "\n", false).status()).isEqualTo(404);
        Response malformed = importCsv("033xyz", orgId(1) + "\n", false);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).contains("package id must have 15 or 18 characters");
        Response form = post("/api/v1/packages/" + newPackage() + "/subscribers/import",
                "application/x-www-form-urlencoded", orgId(1) + "\n");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.contentType()).startsWith("application/problem+json");
    }

    @Test
    void countsImportedOrgsBySourceAndResultInItsMetrics() {
        String packageId = newPackage();
        int[] orgs = orgBlock(1);
        importCsv(packageId, orgId(orgs[0]) + "\n", false);

        assertThat(prometheus())
                .contains("upshift_planner_inventory_orgs_imported_total{")
                .containsPattern("upshift_planner_inventory_orgs_imported_total\\{[^}]*result=\"inserted\"[^}]*source=\"CSV\"")
                .containsPattern("upshift_planner_inventory_import_duration_seconds_count\\{[^}]*outcome=\"stored\"[^}]*source=\"CSV\"");
    }

    private static List<String> errors(JsonNode answer) {
        return java.util.stream.StreamSupport.stream(answer.get("errors").spliterator(), false)
                .map(error -> error.get("line").asInt() + " " + error.get("column").asText() + " " + error.get("reason").asText())
                .toList();
    }

    private Map<String, Instant> updatedAt(int... orgs) {
        List<String> ids = Arrays.stream(orgs).mapToObj(InventoryFixtures::orgId).toList();
        return jdbc.sql("select org_id, updated_at from subscriber_org where org_id in (:ids)").param("ids", ids)
                .query((row, n) -> Map.entry(row.getString(1), row.getTimestamp(2).toInstant())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
