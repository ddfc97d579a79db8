package io.upshift.planner.inventory;

import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static io.upshift.planner.inventory.InventoryFixtures.orgId15;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrgQueryIT extends InventoryItSupport {

    private String packageId;
    private int[] orgs;
    private String production;
    private String sandbox;

    /**
     * Given 12 orgs of a fresh package, on pods of their own (other tests' orgs are in the same
     * database): 0–5 production on "production" (0–1 on 4.0.3, 2–3 on 4.1.2, 4 on 4.2.0,
     * 5 not installed), 6–9 sandboxes on "sandbox" on 4.1.2 (9 inactive), 10 excluded on 4.3.0 beta, 11 trial on 4.10.0.
     */
    @BeforeEach
    void fleet() {
        packageId = newPackage();
        orgs = orgBlock(12);
        production = "QP" + orgs[0];
        sandbox = "QS" + orgs[0];
        StringBuilder csv = new StringBuilder("org_id,org_name,org_type,status,instance,installed_version,excluded\n");
        for (int i = 0; i < 12; i++) {
            boolean isSandbox = i >= 6 && i <= 9;
            String version = switch (i) {
                case 0, 1 -> "4.0.3";
                case 2, 3, 6, 7, 8, 9 -> "4.1.2";
                case 4 -> "4.2.0";
                case 5 -> "";
                case 10 -> "4.3.0";
                default -> "4.10.0";
            };
            csv.append(orgId(orgs[i])).append(",Org ").append(i).append(',')
                    .append(isSandbox ? "SANDBOX" : "PRODUCTION").append(',')
                    .append(i == 9 ? "INACTIVE" : i == 11 ? "TRIAL" : "ACTIVE").append(',')
                    .append(isSandbox ? sandbox : production).append(',').append(version).append(',')
                    .append(i == 10).append('\n');
        }
        Response imported = post("/api/v1/packages/" + packageId + "/subscribers/import", "text/csv", csv.toString());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    private List<String> names(String query) {
        Response answer = get("/api/v1/orgs?packageId=" + packageId + "&limit=1000" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get("items").spliterator(), false)
                .map(org -> org.get("orgName").asText()).sorted().toList();
    }

    @Test
    void filtersByTypeStatusInstanceAndExclusion() {
        assertThat(names("&type=sandbox")).containsExactly("Org 6", "Org 7", "Org 8", "Org 9");
        assertThat(names("&status=Inactive")).containsExactly("Org 9");
        assertThat(names("&instance=" + sandbox.toLowerCase() + "&status=ACTIVE")).containsExactly("Org 6", "Org 7", "Org 8");
        assertThat(names("&excluded=true")).containsExactly("Org 10");
        // without the package: every org of the inventory, so narrowed to this test's pod
        assertThat(names("&installed=false&instance=" + production)).containsExactly("Org 5");
    }

    @Test
    void filtersByAnInstalledVersionRangeComparedNumerically() {
        assertThat(names("&versionAtLeast=4.1.0&versionBelow=4.2.0"))
                .containsExactly("Org 2", "Org 3", "Org 6", "Org 7", "Org 8", "Org 9");
        assertThat(names("&versionAtLeast=4.2.0")).containsExactly("Org 10", "Org 11", "Org 4");
        assertThat(names("&versionBelow=4.1.0")).containsExactly("Org 0", "Org 1");
        assertThat(names("&versionAtLeast=4.9.0")).containsExactly("Org 11");
    }

    @Test
    void carriesTheFilteredPackageWithEachOrg() {
        JsonNode org = get("/api/v1/orgs?packageId=" + packageId + "&versionAtLeast=4.3.0&versionBelow=4.4.0")
                .json().get("items").get(0);

        assertThat(org.get("installedPackages").get(0).get("version").asText()).isEqualTo("4.3.0");
        assertThat(org.get("installedPackages").get(0).get("beta").asBoolean()).isTrue();
    }

    @Test
    void pagesThroughEveryOrgInOrgIdOrderWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/v1/orgs?packageId=" + packageId + "&limit=5" + (after == null ? "" : "&after=" + after))
                    .json();
            page.get("items").forEach(org -> seen.add(org.get("orgId").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(11).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void readsOneOrgByItsFifteenOrEighteenCharacterId() {
        JsonNode byFifteen = get("/api/v1/orgs/" + orgId15(orgs[2])).json();
        JsonNode byEighteen = get("/api/v1/orgs/" + orgId(orgs[2]).toLowerCase()).json();

        assertThat(byFifteen.get("orgId").asText()).isEqualTo(orgId(orgs[2]));
        assertThat(byEighteen.get("orgId").asText()).isEqualTo(orgId(orgs[2]));
        assertThat(byFifteen.get("installedPackages")).hasSize(1);
    }

    @Test
    void answersAnUnknownOrgWith404AndAMalformedIdOrFilterWith400() {
        Response unknown = get("/api/v1/orgs/" + orgId(orgBlock(1)[0]));
        Response malformed = get("/api/v1/orgs/00Dxyz");
        Response badFilter = get("/api/v1/orgs?type=SCRATCH");
        Response rangeWithoutPackage = get("/api/v1/orgs?versionAtLeast=4.0.0");
        Response badLimit = get("/api/v1/orgs?limit=0");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).isEqualTo("orgId: org id must have 15 or 18 characters, got 6");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(rangeWithoutPackage.status()).isEqualTo(400);
        assertThat(rangeWithoutPackage.json().get("detail").asText()).contains("need packageId");
        assertThat(badLimit.status()).isEqualTo(400);
    }

    @Test
    void excludesAnOrgWithANoteAndIncludesItAgain() {
        String org = orgId15(orgs[3]);

        Response excluded = put("/api/v1/orgs/" + org + "/exclusion", "{\"excluded\":true,\"note\":\"renewal talks\"}");
        assertThat(excluded.status()).as(excluded.body()).isEqualTo(200);
        assertThat(excluded.json().get("excluded").asBoolean()).isTrue();
        assertThat(excluded.json().get("excludedNote").asText()).isEqualTo("renewal talks");
        assertThat(names("&excluded=true")).containsExactly("Org 10", "Org 3");

        Response included = delete("/api/v1/orgs/" + org + "/exclusion");
        assertThat(included.json().get("excluded").asBoolean()).isFalse();
        assertThat(included.json().get("excludedNote").isNull()).isTrue();
        assertThat(names("&excluded=true")).containsExactly("Org 10");
    }

    @Test
    void rejectsAnExclusionWithoutTheFlagOrForAnUnknownOrg() {
        Response missing = put("/api/v1/orgs/" + orgId(orgs[3]) + "/exclusion", "{\"note\":\"x\"}");
        Response unknownField = put("/api/v1/orgs/" + orgId(orgs[3]) + "/exclusion", "{\"excluded\":true,\"why\":\"x\"}");
        Response unknownOrg = put("/api/v1/orgs/" + orgId(orgBlock(1)[0]) + "/exclusion", "{\"excluded\":true}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("excluded");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownOrg.status()).isEqualTo(404);
    }
}
