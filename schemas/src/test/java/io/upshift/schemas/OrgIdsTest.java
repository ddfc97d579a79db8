package io.upshift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgIdsTest {

    @Test
    void computesTheChecksumOfSalesforcesOwnDocumentedExample() {
        assertThat(OrgIds.checksum("001A0000006Vm9r")).isEqualTo("IAC");
    }

    @Test
    void extendsAFifteenCharacterIdWithItsChecksum() {
        // "00D00": D is upper-case at index 2 -> bit 4 -> 'E'; no upper-case in the other chunks -> 'A'.
        assertThat(OrgIds.normalize("00D000000000001")).contains("00D000000000001EAA");
        // "00DA0" -> 4 + 8 = 12 -> 'M'; "00000" -> 'A'; "0Zb2c" -> Z at index 1 -> 2 -> 'C'.
        assertThat(OrgIds.normalize("00DA0000000Zb2c")).contains("00DA0000000Zb2cMAC");
    }

    @Test
    void acceptsAnEighteenCharacterIdInAnyCaseOfItsSuffix() {
        assertThat(OrgIds.normalize("00DA0000000Zb2cMAC")).contains("00DA0000000Zb2cMAC");
        assertThat(OrgIds.normalize("00DA0000000Zb2cmac")).contains("00DA0000000Zb2cMAC");
    }

    @Test
    void rejectsWhatIsNotAnOrgIdAndSaysWhy() {
        assertThat(OrgIds.normalize("00DA0000000Zb2cAAA")).isEmpty();
        assertThat(OrgIds.problem("00DA0000000Zb2cAAA")).contains("the last 3 characters are not the checksum of the first 15");
        assertThat(OrgIds.problem("001000000000001")).contains("org ids start with 00D, got 001");
        assertThat(OrgIds.problem("00D12")).contains("org id must have 15 or 18 characters, got 5");
        assertThat(OrgIds.problem("00D00000000000!")).contains("org id may contain only letters and digits");
        assertThat(OrgIds.problem(" ")).contains("org id is empty");
        assertThat(OrgIds.problem("00D000000000001")).isEmpty();
    }
}
