package io.upshift.executor.execution.kafka;

import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.OrgIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Test mother for integration tests: commands for orgs no other test uses, with windows open now. */
final class FleetCommands {

    private final String run = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 1_000_000L, 36);
    final UUID campaignId = UUID.randomUUID();

    String orgId(int n) {
        String fifteen = ("00D" + String.format("%5s", run).replace(' ', '0') + String.format("%07d", n)).toUpperCase();
        return fifteen + OrgIds.checksum(fifteen);
    }

    /** Org {@code n} from 4.1.3 to {@code target}, window open from an hour ago to three hours from now. */
    UpgradeCommand command(int n, String target) {
        Instant now = Instant.now();
        return UpgradeCommand.newBuilder()
                .setCommandId(UUID.randomUUID())
                .setCampaignId(campaignId)
                .setWaveNumber(1)
                .setOrgId(orgId(n))
                .setOrgName("Org " + n)
                .setOrgType(io.upshift.messages.OrgType.PRODUCTION)
                .setInstance("NA" + (100 + n % 7))
                .setPackageId("033000000000001")
                .setFromVersion("4.1.3")
                .setTargetVersion(target)
                .setPackageVersionId("04t000000000001AAA")
                .setNotBefore(now.minus(Duration.ofHours(1)))
                .setNotAfter(now.plus(Duration.ofHours(3)))
                .setAttempt(1)
                .setIssuedAt(now)
                .build();
    }

    List<UpgradeCommand> commands(int from, int count, String target) {
        return IntStream.range(from, from + count).mapToObj(n -> command(n, target)).toList();
    }

    static List<UUID> ids(List<UpgradeCommand> commands) {
        return commands.stream().map(UpgradeCommand::getCommandId).toList();
    }

    static List<String> orgs(List<UpgradeCommand> commands) {
        return commands.stream().map(UpgradeCommand::getOrgId).toList();
    }
}
