package io.upshift.planner.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.schemas.OrgIds;
import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void extendsAFifteenCharacterPackageIdWithItsChecksum() {
        String fifteen = "033A0000000AbCd";

        assertThat(SalesforceIds.normalize(fifteen, "033", "package id")).isEqualTo(fifteen + OrgIds.checksum(fifteen));
        assertThat(SalesforceIds.normalize(fifteen + OrgIds.checksum(fifteen).toLowerCase(), "033", "package id"))
                .isEqualTo(fifteen + OrgIds.checksum(fifteen));
    }

    @Test
    void restoresTheCaseOfAnEighteenCharacterIdThatLostItFromItsSuffix() {
        String id = io.upshift.planner.inventory.InventoryFixtures.orgId(4711);

        assertThat(SalesforceIds.orgId(id.toLowerCase())).isEqualTo(id);
        assertThat(SalesforceIds.orgId(id.toUpperCase())).isEqualTo(id);
        assertThat(SalesforceIds.orgId(" " + id.substring(0, 15) + " ")).isEqualTo(id);
    }

    @Test
    void treatsFifteenCharacterIdsAsCaseSensitive() {
        String id = io.upshift.planner.inventory.InventoryFixtures.orgId15(4711);

        assertThat(SalesforceIds.problem(id.toLowerCase(), "00D", "org id")).contains("org id starts with 00D, got 00d");
    }

    @Test
    void saysWhyAnIdIsNotUsable() {
        assertThat(SalesforceIds.problem("04tA0000000AbCd", "033", "package id")).contains("package id starts with 033, got 04t");
        assertThat(SalesforceIds.problem("033A0000000AbCdXYZ", "033", "package id")).get().asString().contains("checksum");
        assertThat(SalesforceIds.problem("033", "033", "package id")).contains("package id must have 15 or 18 characters, got 3");
        assertThatThrownBy(() -> SalesforceIds.normalize("033A0000000Ab-d", "033", "package id"))
                .hasMessageContaining("only letters and digits");
    }
}
