package io.upshift.planner.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.messages.OrgType;
import io.upshift.messages.UpgradeCommand;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AvroPayloadsTest {

    @Test
    void keepsEveryFieldOfAMessageThroughTheOutboxIncludingUuidsAndInstants() {
        UpgradeCommand command = UpgradeCommand.newBuilder()
                .setCommandId(UUID.fromString("4b0a2f7c-6b1e-4c3e-9d47-0f6f3f3a1d2e"))
                .setCampaignId(UUID.fromString("9f1d3c5e-1111-4222-8333-444455556666"))
                .setWaveNumber(3).setOrgId("00D000000000001EAA").setOrgName("Acme GmbH").setOrgType(OrgType.SANDBOX)
                .setInstance("CS42").setPackageId("033000000000001AAA").setFromVersion("4.1.3").setTargetVersion("4.2.1")
                .setPackageVersionId("04t000000000001AAA").setNotBefore(Instant.parse("2026-03-02T21:00:00Z"))
                .setNotAfter(Instant.parse("2026-03-03T01:00:00Z")).setAttempt(2)
                .setIssuedAt(Instant.parse("2026-03-02T21:00:01.250Z")).build();

        byte[] payload = AvroPayloads.encode(command);

        assertThat(AvroPayloads.decode(UpgradeCommand.class, payload)).isEqualTo(command);
    }
}
