package io.upshift.executor.execution.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs one command through the gateway to its single outcome: cancel it when its campaign
 * stopped or when its window closed before a push could start ({@code WindowClosed}: back in line for
 * the planner), skip an org already on the target version, push
 * otherwise, and retry transient failures of the gateway's calls with backoff while the window and
 * the attempts allow. A push that ran and failed is the command's outcome: it is not pushed again.
 *
 * <p>No thread waits anywhere: every step continues on whichever thread completed the previous
 * one (a gateway thread or the scheduler), so thousands of runs cost only their state.
 */
public final class UpgradeRunner {

    /** Gateway operations, as metrics name them. */
    public static final String INSTALLED_VERSION = "installed_version";
    public static final String EARLIER_PUSH = "earlier_push";
    public static final String UPGRADE = "upgrade";

    private final UpgradeGateway gateway;
    private final CampaignGate campaigns;
    private final RetryPolicy retry;
    private final Duration callTimeout;
    private final Duration upgradeTimeout;
    private final Scheduler scheduler;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final RunObserver observer;

    /**
     * @param callTimeout the longest wait for a lookup (installed version, earlier push)
     * @param upgradeTimeout the longest wait for a push to end; a push still running then is
     *        treated as a transient timeout, and the next attempt adopts it
     * @param jitter random numbers in [0, 1) for the backoff
     */
    public UpgradeRunner(UpgradeGateway gateway, CampaignGate campaigns, RetryPolicy retry, Duration callTimeout,
            Duration upgradeTimeout, Scheduler scheduler, Clock clock, DoubleSupplier jitter, RunObserver observer) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.upgradeTimeout = Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Runs the command. The stage completes with the outcome, or exceptionally with
     * {@link RunAbandonedException} once {@code wanted} says no at a step boundary.
     */
    public CompletionStage<UpgradeFinished> run(UpgradeOrg order, BooleanSupplier wanted) {
        Run run = new Run(order, wanted);
        try {
            run.begin();
        } catch (RuntimeException e) {
            run.result.completeExceptionally(e);
        }
        return run.result;
    }

    /** The state of one command's run. Steps follow each other, never overlap, so plain fields suffice. */
    private final class Run {
        private final UpgradeOrg order;
        private final UpgradeRequest request;
        private final BooleanSupplier wanted;
        private final Instant startedAt;
        private final CompletableFuture<UpgradeFinished> result = new CompletableFuture<>();
        private int attempts;
        private int lookups;
        private String versionBefore;
        private Failure lastFailure;

        Run(UpgradeOrg order, BooleanSupplier wanted) {
            this.order = order;
            this.request = order.request();
            this.wanted = wanted;
            this.startedAt = clock.instant();
        }

        void begin() {
            if (stopsBeforeAStart()) {
                return;
            }
            lookUpVersion();
        }

        private void lookUpVersion() {
            lookups++;
            call(INSTALLED_VERSION, () -> gateway.installedVersion(request), callTimeout)
                    .whenComplete((installed, error) -> guarded(() -> onInstalledVersion(installed, error)));
        }

        private void onInstalledVersion(Optional<String> installed, Throwable error) {
            if (error != null) {
                Failure failure = Failure.of(error);
                observer.gatewayCall(INSTALLED_VERSION, failure.resultTag());
                retryOrFail(failure, lookups, () -> {
                    if (!stopsBeforeAStart()) {
                        lookUpVersion();
                    }
                });
                return;
            }
            observer.gatewayCall(INSTALLED_VERSION, "ok");
            if (installed == null || installed.isEmpty()) {
                finish(UpgradeStatus.FAILED, new Failure(ErrorCodes.PACKAGE_NOT_INSTALLED, ErrorCategory.PERMANENT,
                        "The package is not installed in the org"), null, null);
                return;
            }
            versionBefore = installed.get();
            Optional<PackageVersion> current = PackageVersion.parse(versionBefore);
            if (current.isPresent() && current.get().isAtLeast(order.targetVersion())) {
                askForAnEarlierPush();
                return;
            }
            pushIfStillAllowed();
        }

        /** The org is on the target already: by an earlier delivery of this command, or some other way? */
        private void askForAnEarlierPush() {
            call(EARLIER_PUSH, () -> gateway.earlierPush(request), callTimeout)
                    .whenComplete((earlier, error) -> guarded(() -> {
                        observer.gatewayCall(EARLIER_PUSH, error == null ? "ok" : Failure.of(error).resultTag());
                        if (error == null && earlier != null && earlier.isPresent()) {
                            finish(UpgradeStatus.SUCCEEDED, null, order.fromVersion(), earlier.get().versionAfter());
                        } else {
                            // Without an answer the org is still on the target: skipping is right either way.
                            finish(UpgradeStatus.SKIPPED, null, versionBefore, versionBefore);
                        }
                    }));
        }

        private void pushIfStillAllowed() {
            if (stopsBeforeAStart()) {
                return;
            }
            attempts++;
            call(UPGRADE, () -> gateway.upgrade(request), upgradeTimeout)
                    .whenComplete((upgrade, error) -> guarded(() -> onUpgrade(upgrade, error)));
        }

        private void onUpgrade(UpgradeResult upgrade, Throwable error) {
            if (error != null) {
                Failure failure = Failure.of(error);
                observer.gatewayCall(UPGRADE, failure.resultTag());
                retryOrFail(failure, attempts, this::pushIfStillAllowed);
                return;
            }
            switch (upgrade) {
                case UpgradeResult.Succeeded succeeded -> {
                    observer.gatewayCall(UPGRADE, "succeeded");
                    finish(UpgradeStatus.SUCCEEDED, null, versionBefore, succeeded.versionAfter());
                }
                case UpgradeResult.Failed failed when ErrorCodes.CAMPAIGN_STOPPED.equals(failed.errorType()) -> {
                    // The gateway canceled the push at Salesforce before it started: the campaign stopped.
                    observer.gatewayCall(UPGRADE, "canceled");
                    finish(UpgradeStatus.CANCELED, new Failure(ErrorCodes.CAMPAIGN_STOPPED, null,
                            campaigns.stopReason(order.campaignId()).orElse(failed.title())), versionBefore, versionBefore);
                }
                case UpgradeResult.Failed failed -> {
                    observer.gatewayCall(UPGRADE, "failed");
                    ErrorCategory category = failed.category() != null ? failed.category()
                            : ErrorCodes.categoryOfPushError(failed.errorType()).orElse(ErrorCategory.PERMANENT);
                    // A push that ran and failed is the command's outcome, whatever its class: the
                    // command never pushes the org again (TRANSIENT tells a person a retry may pass).
                    finish(UpgradeStatus.FAILED, new Failure(failed.errorType(), category, failed.title()),
                            versionBefore, versionBefore);
                }
                case null -> {
                    observer.gatewayCall(UPGRADE, "error_transient");
                    retryOrFail(new Failure(ErrorCodes.GATEWAY_ERROR, ErrorCategory.TRANSIENT,
                            "The gateway answered nothing"), attempts, this::pushIfStillAllowed);
                }
            }
        }

        /** Tries a transient failure again after a backoff when attempts and window allow; fails otherwise. */
        private void retryOrFail(Failure failure, int tries, Runnable again) {
            lastFailure = failure;
            if (failure.category() != ErrorCategory.TRANSIENT) {
                finish(UpgradeStatus.FAILED, failure, versionBefore, versionBefore);
                return;
            }
            if (!retry.allowsAnotherAttempt(tries)) {
                finish(UpgradeStatus.FAILED, failure.gaveUp("after " + tries + " attempts"), versionBefore, versionBefore);
                return;
            }
            Duration delay = retry.delayAfter(tries, jitter.getAsDouble());
            Instant next = clock.instant().plus(delay);
            if (!next.isBefore(order.notAfter())) {
                windowClosed("The upgrade window closes at " + order.notAfter() + ", before another attempt after "
                        + failure.code() + " (" + failure.message() + ")");
                return;
            }
            observer.retryScheduled(ErrorCodes.tagValue(failure.code()));
            try {
                scheduler.schedule(delay, () -> guarded(again));
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(new RunAbandonedException("the executor is stopping"));
            }
        }

        /** Checks made before anything starts in the org: still wanted, campaign running, window open. */
        private boolean stopsBeforeAStart() {
            if (!wanted.getAsBoolean()) {
                result.completeExceptionally(new RunAbandonedException("the command was handed over or the executor is stopping"));
                return true;
            }
            Optional<String> stop = campaigns.stopReason(order.campaignId(), order.orgId());
            if (stop.isPresent()) {
                Failure cause = lastFailure != null ? lastFailure
                        : new Failure(ErrorCodes.CAMPAIGN_STOPPED, null, stop.get());
                finish(UpgradeStatus.CANCELED, cause.category() == null ? cause
                        : cause.gaveUp(stop.get()), versionBefore, versionBefore);
                return true;
            }
            // the window is [notBefore, notAfter): at notAfter it has closed, and no push starts then
            Instant now = clock.instant();
            if (!now.isBefore(order.notAfter())) {
                windowClosed("The upgrade window closed at " + order.notAfter() + " before the upgrade could start"
                        + (lastFailure == null ? "" : ", after " + lastFailure.code() + " (" + lastFailure.message() + ")"));
                return true;
            }
            return false;
        }

        /**
         * The window closed and no push ran in the org (the calls that failed transiently created none):
         * CANCELED with {@code WindowClosed}, not a failure — the release is not at fault, so no gate may
         * count it, and the planner puts the org back in line for its next window (or ends it for the
         * campaign's deadline), telling the subscriber with a RESCHEDULED or CANCELED notice.
         */
        private void windowClosed(String message) {
            finish(UpgradeStatus.CANCELED, new Failure(ErrorCodes.WINDOW_CLOSED, null, message), versionBefore,
                    versionBefore);
        }

        private void finish(UpgradeStatus status, Failure failure, String before, String after) {
            result.complete(new UpgradeFinished(order, status,
                    failure == null ? null : failure.category(),
                    failure == null ? null : failure.code(),
                    failure == null ? null : failure.message(),
                    before, after, attempts, startedAt, clock.instant()));
        }

        /** A step that throws must still end the run, never leave it hanging. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private <T> CompletionStage<T> call(String operation, Supplier<CompletionStage<T>> call, Duration timeout) {
            CompletableFuture<T> bounded = new CompletableFuture<>();
            CompletionStage<T> stage;
            try {
                stage = call.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (stage == null) {
                return CompletableFuture.failedFuture(new GatewayException(ErrorCodes.GATEWAY_ERROR,
                        ErrorCategory.TRANSIENT, "the gateway returned no answer for " + operation));
            }
            AtomicBoolean settled = new AtomicBoolean();
            Scheduler.Cancellable timer;
            try {
                timer = scheduler.schedule(timeout, () -> {
                    if (settled.compareAndSet(false, true)) {
                        bounded.completeExceptionally(new GatewayException(ErrorCodes.TIMEOUT, ErrorCategory.TRANSIENT,
                                "No answer to " + operation + " within " + timeout));
                    }
                });
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new RunAbandonedException("the executor is stopping"));
            }
            stage.whenComplete((value, error) -> {
                if (settled.compareAndSet(false, true)) {
                    timer.cancel();
                    if (error != null) {
                        bounded.completeExceptionally(error);
                    } else {
                        bounded.complete(value);
                    }
                }
            });
            return bounded;
        }
    }

    /** Why an attempt failed, classified. {@code category} null marks a stop that is not a failure (a cancel, a timeout). */
    private record Failure(String code, ErrorCategory category, String message) {

        static Failure of(Throwable error) {
            Throwable cause = error;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RunAbandonedException abandoned) {
                throw abandoned;
            }
            if (cause instanceof GatewayException gateway) {
                ErrorCategory category = gateway.category() != null ? gateway.category() : ErrorCategory.TRANSIENT;
                return new Failure(gateway.errorCode() != null ? gateway.errorCode() : ErrorCodes.GATEWAY_ERROR,
                        category, gateway.getMessage());
            }
            // Not the gateway's documented failure: a bug or an unexpected answer. Worth a bounded retry.
            return new Failure(ErrorCodes.GATEWAY_ERROR, ErrorCategory.TRANSIENT,
                    "The gateway failed unexpectedly (" + cause.getClass().getSimpleName() + ")");
        }

        String resultTag() {
            if (ErrorCodes.TIMEOUT.equals(code)) {
                return "timeout";
            }
            return category == ErrorCategory.PERMANENT ? "error_permanent" : "error_transient";
        }

        Failure gaveUp(String why) {
            String base = message == null ? code : message;
            return new Failure(code, category, base + " (gave up: " + why + ")");
        }
    }
}
