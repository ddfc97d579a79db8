package io.upshift.executor.gateway.salesforce;

import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.schemas.OrgIds;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Fixtures for the Salesforce gateway's tests: org ids, upgrade requests and settings at a fixed instant. */
final class Pushes {

    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    static final String TARGET = "4.2.0";

    private Pushes() {
    }

    /** A valid 18-character org id, different for every n. */
    static String org(int n) {
        String fifteen = String.format("00D5e00000%05d", n);
        return fifteen + OrgIds.checksum(fifteen);
    }

    static UpgradeRequest upgrade(String orgId, String packageId, String versionId) {
        return upgradeOpening(orgId, packageId, versionId, NOW.minus(Duration.ofMinutes(1)));
    }

    static UpgradeRequest upgradeOpening(String orgId, String packageId, String versionId, Instant notBefore) {
        return new UpgradeRequest(UUID.randomUUID(), orgId, "NA135", packageId, versionId, TARGET, notBefore,
                notBefore.plus(Duration.ofHours(4)), null, NOW.minus(Duration.ofMinutes(1)));
    }

    /** A command issued at {@code issuedAt} (a later one than those above: a person's retry, another campaign). */
    static UpgradeRequest upgradeIssued(String orgId, String packageId, String versionId, Instant issuedAt) {
        return new UpgradeRequest(UUID.randomUUID(), orgId, "NA135", packageId, versionId, TARGET,
                issuedAt, issuedAt.plus(Duration.ofHours(4)), null, issuedAt);
    }

    /** Short linger, poll interval and backoffs so tests run in well under a second each. */
    static SalesforceGatewayProperties.Push fastSettings(int batchSize) {
        return fastSettings(batchSize, Duration.ofMillis(50));
    }

    static SalesforceGatewayProperties.Push fastSettings(int batchSize, Duration linger) {
        return new SalesforceGatewayProperties.Push(batchSize, linger, Duration.ofMillis(100),
                Duration.ofMinutes(15), Duration.ofSeconds(1),
                new SalesforceGatewayProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)),
                new SalesforceGatewayProperties.Orphans(Duration.ZERO, Duration.ofHours(1)),
                new SalesforceGatewayProperties.ApiBudget(0.5, Duration.ofMillis(200)));
    }
}
