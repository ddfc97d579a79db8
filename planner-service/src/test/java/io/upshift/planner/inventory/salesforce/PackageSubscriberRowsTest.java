package io.upshift.planner.inventory.salesforce;

import static io.upshift.planner.inventory.InventoryFixtures.orgId15;
import static io.upshift.planner.inventory.InventoryFixtures.orgId;
import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.inventory.InventoryFixtures;
import io.upshift.planner.inventory.InventoryFixtures.CollectingSink;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.schemas.OrgIds;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageSubscriberRowsTest {

    private static final String RELEASED = id("04tA0000000Rel1");
    private static final String BETA = id("04tA0000000Bet1");

    private final PackageSubscriberRows rows = new PackageSubscriberRows(InventoryFixtures.PACKAGE_ID, Map.of(
            RELEASED, version(RELEASED, "4.1.2", ReleaseState.RELEASED),
            BETA, version(BETA, "4.3.0", ReleaseState.BETA)), Set.of(orgId(2)));

    private static String id(String fifteen) {
        return fifteen + OrgIds.checksum(fifteen);
    }

    private static PackageVersion version(String id, String number, ReleaseState state) {
        return new PackageVersion(id, InventoryFixtures.PACKAGE_ID, PackageVersionNumber.parse(number), null, state,
                false, null, InventoryFixtures.CLOCK.instant());
    }

    private CollectingSink add(PackageSubscriberRecord record) {
        CollectingSink sink = new CollectingSink();
        rows.add(3, record, sink);
        return sink;
    }

    @Test
    void mapsASubscriberWithItsRegisteredVersion() {
        OrgRow row = add(new PackageSubscriberRecord(orgId15(1), "Acme", "Sandbox", "Trial", "cs42",
                RELEASED.substring(0, 15), "i")).rows.getFirst();

        assertThat(row.line()).isEqualTo(3);
        assertThat(row.orgId()).isEqualTo(orgId(1));
        assertThat(row.orgType()).isEqualTo(OrgType.SANDBOX);
        assertThat(row.status()).isEqualTo(OrgStatus.TRIAL);
        assertThat(row.instance()).isEqualTo("CS42");
        assertThat(row.installedVersion()).isEqualTo(PackageVersionNumber.parse("4.1.2"));
        assertThat(row.beta()).isFalse();
    }

    @Test
    void marksTheOrgsWhoseSubscriberBlocksPushes() {
        assertThat(add(new PackageSubscriberRecord(orgId(2), "B", "Production", "Active", "NA1", RELEASED, "i"))
                .rows.getFirst().pushBlocked()).isTrue();
        assertThat(add(new PackageSubscriberRecord(orgId(1), "A", "Production", "Active", "NA1", RELEASED, "i"))
                .rows.getFirst().pushBlocked()).isFalse();
    }

    @Test
    void flagsABetaVersionAndLeavesAnUninstalledPackageWithoutVersion() {
        assertThat(add(new PackageSubscriberRecord(orgId(1), "A", "Production", "Active", "NA1", BETA, "i"))
                .rows.getFirst().beta()).isTrue();
        OrgRow uninstalled = add(new PackageSubscriberRecord(orgId(1), "A", "Production", "Active", "NA1", RELEASED, "u"))
                .rows.getFirst();
        assertThat(uninstalled.installedVersion()).isNull();
        assertThat(uninstalled.beta()).isNull();
    }

    @Test
    void reportsAnUnknownVersionABadOrgKeyAndAnUnknownStatus() {
        CollectingSink sink = add(new PackageSubscriberRecord("00Dbad", "A", "Production", "Frozen", "NA1",
                id("04tA0000000Unk1"), "i"));

        assertThat(sink.rows).isEmpty();
        assertThat(sink.errors()).extracting(RowError::line, RowError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "OrgKey"), org.assertj.core.groups.Tuple.tuple(3, "OrgStatus"),
                org.assertj.core.groups.Tuple.tuple(3, "MetadataPackageVersionId"));
        assertThat(sink.errors().getLast().reason()).contains("is not registered for package");
    }

    @Test
    void queriesTheSubscribersOfOnePackage() {
        assertThat(PackageSubscriberRecord.query(InventoryFixtures.PACKAGE_ID))
                .isEqualTo("SELECT OrgKey, OrgName, OrgType, OrgStatus, InstanceName, MetadataPackageVersionId, "
                        + "InstalledStatus FROM PackageSubscriber WHERE MetadataPackageId = '"
                        + InventoryFixtures.PACKAGE_ID + "'");
    }
}
