package io.upshift.executor.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.campaign.domain.CampaignSignal;
import io.upshift.executor.campaign.domain.CampaignStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UpgradeRunnerTest {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5));
    private static final UpgradeResult.Failed LOCKED = new UpgradeResult.Failed("LockingFailure", ErrorCategory.TRANSIENT,
            "A record or metadata lock prevented the push", "UNABLE_TO_LOCK_ROW");
    private static final GatewayException UNAVAILABLE = new GatewayException("ServiceUnavailable",
            ErrorCategory.TRANSIENT, "The service is unavailable");
    private static final UpgradeResult.Failed APEX = new UpgradeResult.Failed("ApexTestFailure", ErrorCategory.PERMANENT,
            "Apex tests failed in the subscriber org", "3 tests failed");

    private final ManualTime time = new ManualTime();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final List<String> retries = new ArrayList<>();
    private final List<String> gatewayAnswers = new ArrayList<>();
    private Optional<String> campaignStop = Optional.empty();

    private final UpgradeRunner runner = new UpgradeRunner(gateway, campaign -> campaignStop, RETRY,
            Duration.ofSeconds(30), Duration.ofHours(2), time, time, () -> 0.5, new RunObserver() {
                @Override
                public void gatewayCall(String operation, String result) {
                    gatewayAnswers.add(operation + ":" + result);
                }

                @Override
                public void retryScheduled(String errorCode) {
                    retries.add(errorCode);
                }
            });

    @Test
    void upgradesAnOrgBelowTheTargetAndReportsTheVersionsBeforeAndAfter() {
        gateway.installed("4.1.3").then(new UpgradeResult.Succeeded("4.2.1"));

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(finished.versionBefore()).isEqualTo("4.1.3");
        assertThat(finished.versionAfter()).isEqualTo("4.2.1");
        assertThat(finished.attempts()).isEqualTo(1);
        assertThat(finished.errorCode()).isNull();
        assertThat(finished.category()).isNull();
        assertThat(gateway.upgradeCalls.getFirst().fromVersion()).isEqualTo("4.1.3");
    }

    @Test
    void skipsAnOrgAlreadyOnTheTargetWithoutCallingUpgrade() {
        gateway.installed("4.2.1");

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.SKIPPED);
        assertThat(finished.versionBefore()).isEqualTo("4.2.1");
        assertThat(finished.attempts()).isZero();
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void skipsAnOrgOnANewerVersionComparedNumerically() {
        gateway.installed("4.10.0");

        assertThat(run(Orders.toTarget()).status()).isEqualTo(UpgradeStatus.SKIPPED);
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void reportsSucceededWhenAnEarlierDeliveryOfTheSameCommandPushedTheOrg() {
        gateway.installed("4.2.1").earlierPush("4.2.1");

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(finished.versionBefore()).isEqualTo("4.1.3");
        assertThat(finished.versionAfter()).isEqualTo("4.2.1");
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void failsAtOnceOnAPermanentFailure() {
        gateway.then(APEX);

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(finished.category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(finished.errorCode()).isEqualTo("ApexTestFailure");
        assertThat(finished.errorMessage()).isEqualTo("Apex tests failed in the subscriber org");
        assertThat(finished.versionAfter()).isEqualTo("4.1.3");
        assertThat(finished.attempts()).isEqualTo(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void aFailedPushIsItsCommandsOutcomeEvenWhenALaterPushMayPass() {
        gateway.then(LOCKED).then(new UpgradeResult.Succeeded("4.2.1"));

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(finished.category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(finished.errorCode()).isEqualTo("LockingFailure");
        assertThat(finished.attempts()).isEqualTo(1);
        assertThat(gateway.upgradeCalls).hasSize(1);
        assertThat(retries).isEmpty();
    }

    @Test
    void retriesATransientFailureAfterABackoffAndSucceeds() {
        gateway.thenThrows(UNAVAILABLE).then(new UpgradeResult.Succeeded("4.2.1"));
        CompletableFuture<UpgradeFinished> result = start(Orders.toTarget());

        assertThat(result).isNotDone();
        time.advance(Duration.ofMillis(7_499));
        assertThat(gateway.upgradeCalls).hasSize(1);
        time.advance(Duration.ofMillis(1));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(finished.attempts()).isEqualTo(2);
        assertThat(retries).containsExactly("ServiceUnavailable");
        assertThat(finished.finishedAt()).isEqualTo(ManualTime.T0.plusMillis(7_500));
    }

    @Test
    void givesUpAfterTheLastAllowedAttempt() {
        gateway.thenThrows(UNAVAILABLE).thenThrows(UNAVAILABLE).thenThrows(UNAVAILABLE);
        CompletableFuture<UpgradeFinished> result = start(Orders.toTarget());

        time.advance(Duration.ofMinutes(5));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(finished.category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(finished.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(finished.errorMessage()).contains("gave up: after 3 attempts");
        assertThat(finished.attempts()).isEqualTo(3);
        assertThat(retries).hasSize(2);
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartAfterTheWindowCloses() {
        gateway.thenThrows(UNAVAILABLE);

        UpgradeFinished finished = run(Orders.withWindowEndingIn(Duration.ofSeconds(5)));

        // nothing ran in the org: not a failure a gate may count, but back in line for the planner
        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.WINDOW_CLOSED);
        assertThat(finished.category()).isNull();
        assertThat(finished.errorMessage()).contains("window closes at").contains("ServiceUnavailable");
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void cancelsWithoutCallingTheGatewayWhenTheCampaignIsHalted() {
        campaignStop = Optional.of("The campaign was halted: canary failure rate 12 % > 3 %");

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.CAMPAIGN_STOPPED);
        assertThat(finished.errorMessage()).contains("canary failure rate");
        assertThat(finished.category()).isNull();
        assertThat(gateway.installedCalls).isZero();
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void cancelsAPendingRetryWhenTheCampaignHaltsMeanwhile() {
        gateway.thenThrows(UNAVAILABLE);
        CompletableFuture<UpgradeFinished> result = start(Orders.toTarget());

        campaignStop = Optional.of("The campaign was halted");
        time.advance(Duration.ofMinutes(1));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(finished.errorMessage()).contains("The campaign was halted");
        assertThat(gateway.upgradeCalls).hasSize(1);
    }

    @Test
    void cancelsTheQueuedCommandOfAnOrgRemovedFromItsCampaignWithoutAPush() {
        // given the campaign events said a person removed this org (and only this one)
        CampaignStates campaigns = new CampaignStates();
        campaigns.apply(Orders.CAMPAIGN, Orders.ORG, CampaignSignal.ORG_REMOVED, "the customer asked to wait",
                ManualTime.T0.minusSeconds(5));
        UpgradeRunner runner = new UpgradeRunner(gateway, campaigns, RETRY, Duration.ofSeconds(30),
                Duration.ofHours(2), time, time, () -> 0.5, RunObserver.NONE);
        gateway.installed("4.1.3").then(new UpgradeResult.Succeeded("4.2.1"));

        // when its command comes up
        UpgradeFinished finished = runner.run(Orders.toTarget(), () -> true).toCompletableFuture().join();

        // then it ends CANCELED with the reason, and Salesforce was never asked anything
        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorMessage()).contains("removed from the campaign").contains("the customer asked to wait");
        assertThat(gateway.installedCalls).isZero();
        assertThat(gateway.upgradeCalls).isEmpty();
        // and another org of the same campaign is pushed as usual
        UpgradeFinished other = runner.run(Orders.forOrg("00D000000000002AAA"), () -> true).toCompletableFuture().join();
        assertThat(other.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
    }

    @Test
    void neverStartsAPushAtTheInstantTheWindowCloses() {
        // the window is [notBefore, notAfter): at notAfter it is closed
        UpgradeFinished finished = run(Orders.withWindowEndingIn(Duration.ZERO));

        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.WINDOW_CLOSED);
        assertThat(gateway.installedCalls).isZero();
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void neverStartsAPushWhenTheWindowClosedWhileTheVersionWasLookedUp() {
        // given the version lookup answers only after the window closed (within the call timeout)
        CompletableFuture<Optional<String>> lookup = gateway.installedLater();
        CompletableFuture<UpgradeFinished> result = start(Orders.withWindowEndingIn(Duration.ofSeconds(20)));

        time.advance(Duration.ofSeconds(25));
        lookup.complete(Optional.of("4.1.3"));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.WINDOW_CLOSED);
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void givesTheOrgBackWithoutCallingTheGatewayWhenTheWindowHasClosed() {
        UpgradeFinished finished = run(Orders.withWindowEndingIn(Duration.ofSeconds(-1)));

        assertThat(finished.status()).isEqualTo(UpgradeStatus.CANCELED);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.WINDOW_CLOSED);
        assertThat(finished.category()).isNull();
        assertThat(finished.attempts()).isZero();
        assertThat(gateway.installedCalls).isZero();
    }

    @Test
    void failsPermanentlyWhenThePackageIsNotInstalled() {
        gateway.installed(null);

        UpgradeFinished finished = run(Orders.toTarget());

        assertThat(finished.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(finished.category()).isEqualTo(ErrorCategory.PERMANENT);
        assertThat(finished.errorCode()).isEqualTo(ErrorCodes.PACKAGE_NOT_INSTALLED);
        assertThat(gateway.upgradeCalls).isEmpty();
    }

    @Test
    void retriesAFailedVersionLookupLikeAnyTransientFailure() {
        gateway.installedFails(new GatewayException("RequestLimitExceeded", ErrorCategory.TRANSIENT, "API limit"));
        CompletableFuture<UpgradeFinished> result = start(Orders.toTarget());

        time.advance(Duration.ofMinutes(5));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.FAILED);
        assertThat(finished.errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(gateway.installedCalls).isEqualTo(3);
        assertThat(gatewayAnswers).containsOnly("installed_version:error_transient");
    }

    @Test
    void aPushWithoutAnAnswerTimesOutAndTheNextAttemptFollowsItAgain() {
        gateway.thenNeverAnswers().then(new UpgradeResult.Succeeded("4.2.1"));
        CompletableFuture<UpgradeFinished> result = start(Orders.withWindowEndingIn(Duration.ofHours(4)));

        time.advance(Duration.ofHours(2).plusSeconds(10));

        UpgradeFinished finished = result.join();
        assertThat(finished.status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(finished.attempts()).isEqualTo(2);
        assertThat(retries).containsExactly(ErrorCodes.TIMEOUT);
        assertThat(gatewayAnswers).contains("upgrade:timeout");
    }

    @Test
    void anUnexpectedGatewayExceptionIsTransientAndNeverLeaksAStackTrace() {
        gateway.thenThrows(new IllegalStateException("boom at line 42")).then(new UpgradeResult.Succeeded("4.2.1"));
        CompletableFuture<UpgradeFinished> result = start(Orders.toTarget());

        time.advance(Duration.ofMinutes(1));

        assertThat(result.join().status()).isEqualTo(UpgradeStatus.SUCCEEDED);
        assertThat(retries).containsExactly(ErrorCodes.GATEWAY_ERROR);
    }

    @Test
    void givesUpWithoutAnOutcomeOnceTheCommandIsNoLongerWanted() {
        gateway.thenThrows(UNAVAILABLE);
        AtomicBoolean wanted = new AtomicBoolean(true);
        CompletableFuture<UpgradeFinished> result = runner.run(Orders.toTarget(), wanted::get).toCompletableFuture();

        wanted.set(false);
        time.advance(Duration.ofMinutes(1));

        assertThat(result).isCompletedExceptionally();
        assertThat(result.exceptionNow()).isInstanceOf(RunAbandonedException.class);
        assertThat(gateway.upgradeCalls).hasSize(1);
    }

    @Test
    void passesTheCommandIdSoTheGatewayCanAdoptAPushOfTheSameCommand() {
        gateway.then(new UpgradeResult.Succeeded("4.2.1"));
        UpgradeOrg order = Orders.toTarget();

        run(order);

        UUID sent = gateway.upgradeCalls.getFirst().commandId();
        assertThat(sent).isEqualTo(order.commandId());
    }

    private UpgradeFinished run(UpgradeOrg order) {
        CompletableFuture<UpgradeFinished> result = start(order);
        assertThat(result).isDone();
        return result.join();
    }

    private CompletableFuture<UpgradeFinished> start(UpgradeOrg order) {
        return runner.run(order, () -> true).toCompletableFuture();
    }
}
