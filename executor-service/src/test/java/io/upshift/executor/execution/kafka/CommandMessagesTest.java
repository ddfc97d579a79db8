package io.upshift.executor.execution.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.common.kafka.InvalidMessageException;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.PackageVersion;
import io.upshift.executor.execution.domain.UpgradeFinished;
import io.upshift.executor.execution.domain.UpgradeOrg;
import io.upshift.executor.execution.domain.UpgradeStatus;
import io.upshift.messages.OutcomeStatus;
import io.upshift.messages.UpgradeCommand;
import io.upshift.messages.UpgradeOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandMessagesTest {

    private static final String ORG = Commands.orgId(1);

    @Test
    void readsAValidCommand() {
        UpgradeCommand command = Commands.command(ORG).build();

        UpgradeOrg order = CommandMessages.toOrder(ORG, command);

        assertThat(order.commandId()).isEqualTo(command.getCommandId());
        assertThat(order.orgId()).isEqualTo(ORG);
        assertThat(order.targetVersion()).isEqualTo(PackageVersion.of("4.2.1"));
        assertThat(order.fromVersion()).isEqualTo("4.1.3");
        assertThat(order.notAfter()).isEqualTo(command.getNotAfter());
    }

    @Test
    void acceptsAFifteenCharacterIdAndCarriesTheEighteenCharacterOne() {
        String fifteen = ORG.substring(0, 15);

        UpgradeOrg order = CommandMessages.toOrder(fifteen, Commands.command(fifteen).build());

        assertThat(order.orgId()).isEqualTo(ORG);
    }

    @Test
    void rejectsImpossibleValuesWithAReason() {
        assertInvalid(ORG, Commands.command("00X000000000001AAA"), "is not an org id");
        assertInvalid(Commands.orgId(2), Commands.command(ORG), "is not the command's org id");
        assertInvalid(ORG, Commands.command(ORG).setNotAfter(Commands.T0.minus(Duration.ofHours(2))),
                "window ends");
        assertInvalid(ORG, Commands.command(ORG).setTargetVersion("latest"), "targetVersion 'latest'");
        assertInvalid(ORG, Commands.command(ORG).setFromVersion("4.x"), "fromVersion '4.x'");
        assertInvalid(ORG, Commands.command(ORG).setPackageVersionId("033000000000001"), "packageVersionId");
        assertInvalid(ORG, Commands.command(ORG).setAttempt(0), "attempt");
        assertThatThrownBy(() -> CommandMessages.toOrder(ORG, null)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void writesEveryFieldOfTheOutcome() {
        UpgradeOrg order = CommandMessages.toOrder(ORG, Commands.command(ORG).build());
        UpgradeFinished finished = new UpgradeFinished(order, UpgradeStatus.FAILED, ErrorCategory.TRANSIENT,
                "LockingFailure", "A lock prevented the push (gave up: after 4 attempts)", "4.1.3", "4.1.3", 4,
                Commands.T0, Commands.T0.plusSeconds(95));

        UpgradeOutcome outcome = CommandMessages.toMessage(finished, "executor-a");

        assertThat(outcome.getCommandId()).isEqualTo(order.commandId());
        assertThat(outcome.getCampaignId()).isEqualTo(order.campaignId());
        assertThat(outcome.getWaveNumber()).isEqualTo(1);
        assertThat(outcome.getOrgId()).isEqualTo(ORG);
        assertThat(outcome.getStatus()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.getErrorCategory()).isEqualTo(io.upshift.messages.ErrorCategory.TRANSIENT);
        assertThat(outcome.getErrorCode()).isEqualTo("LockingFailure");
        assertThat(outcome.getVersionBefore()).isEqualTo("4.1.3");
        assertThat(outcome.getAttempts()).isEqualTo(4);
        assertThat(outcome.getFinishedAt()).isEqualTo(Commands.T0.plusSeconds(95));
        assertThat(outcome.getExecutorId()).isEqualTo("executor-a");
        assertThat(outcome.getInstance()).isEqualTo("NA135");
    }

    private static void assertInvalid(String key, UpgradeCommand.Builder command, String reason) {
        assertThatThrownBy(() -> CommandMessages.toOrder(key, command.build()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }
}
