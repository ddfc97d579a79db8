package io.upshift.executor.gateway.salesforce;

import static io.upshift.executor.gateway.salesforce.Pushes.NOW;
import static io.upshift.executor.gateway.salesforce.Pushes.TARGET;
import static io.upshift.executor.gateway.salesforce.Pushes.org;
import static io.upshift.executor.gateway.salesforce.Pushes.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upshift.executor.execution.domain.ErrorCategory;
import io.upshift.executor.execution.domain.GatewayException;
import io.upshift.executor.execution.domain.UpgradeRequest;
import io.upshift.executor.execution.domain.UpgradeResult;
import io.upshift.salesforce.SalesforceClient;
import io.upshift.salesforce.TreeRecord;
import io.upshift.salesforce.stub.MutableClock;
import io.upshift.salesforce.stub.PushError;
import io.upshift.salesforce.stub.SalesforceStub;
import io.upshift.salesforce.stub.SalesforceStub.Subscriber;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Salesforce gateway against the stateful stub of the push-upgrade API. */
class SalesforceUpgradeGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SalesforceStub stub;
    private SalesforceClient client;
    private SalesforceUpgradeGateway gateway;
    private String packageId;
    private String v410;
    private String v420;

    @BeforeEach
    void givenAPackagingOrgWithTenSubscribersOn410() {
        stub = new SalesforceStub(clock);
        packageId = stub.addPackage("Invoicing", "inv");
        v410 = stub.addVersion(packageId, "4.1.0");
        v420 = stub.addVersion(packageId, TARGET);
        IntStream.rangeClosed(1, 10).forEach(n -> stub.addSubscriber(Subscriber.active(org(n), packageId, v410)));
        client = new SalesforceClient(stub.clientCredentialsConfig(), clock);
        gateway = gateway(200);
    }

    @AfterEach
    void stop() {
        gateway.close();
        client.close();
        stub.close();
    }

    private SalesforceUpgradeGateway gateway(int batchSize) {
        return new SalesforceUpgradeGateway(client, Pushes.fastSettings(batchSize), clock,
                new SalesforceGatewayMetrics(registry));
    }

    private CompletableFuture<UpgradeResult> push(int org) {
        return gateway.upgrade(upgrade(org(org), packageId, v420)).toCompletableFuture();
    }

    private static UpgradeResult resultOf(CompletableFuture<UpgradeResult> future) {
        assertThat(future).succeedsWithin(WAIT);
        return future.join();
    }

    private static GatewayException failureOf(CompletableFuture<?> future) {
        try {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GatewayException.class);
            return (GatewayException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("The future did not fail in time", e);
        }
        throw new AssertionError("The future succeeded");
    }

    private int calls(String path) {
        return stub.server().findAll(WireMock.postRequestedFor(WireMock.urlPathMatching(".*" + path))).size();
    }

    // -------------------------------------------------------------------------------------- batching

    @Test
    void pushesABatchOfOrgsOfTheSameVersionInOnePushRequest() {
        List<CompletableFuture<UpgradeResult>> results = IntStream.rangeClosed(1, 5).mapToObj(this::push).toList();

        results.forEach(r -> assertThat(resultOf(r)).isEqualTo(new UpgradeResult.Succeeded(TARGET)));
        assertThat(stub.records("PackagePushRequest")).singleElement().satisfies(request -> {
            assertThat(request.get("PackageVersionId")).isEqualTo(v420);
            assertThat(request.get("ScheduledStartTime")).isEqualTo(NOW);
            assertThat(request.get("Status")).isEqualTo("Succeeded");
        });
        assertThat(stub.records("PackagePushJob")).hasSize(5);
        assertThat(calls("composite/tree/PackagePushJob")).isEqualTo(1);
        IntStream.rangeClosed(1, 5).forEach(n -> {
            assertThat(stub.pushesStarted(org(n))).isEqualTo(1);
            assertThat(stub.installedVersion(org(n), packageId)).contains(TARGET);
        });
    }

    @Test
    void pushesAThousandOrgsInRequestsOfTwoHundredWithOnePushEach() {
        IntStream.rangeClosed(101, 1100).forEach(n -> stub.addSubscriber(Subscriber.active(org(n), packageId, v410)));
        gateway.close();
        // A linger long enough that a loaded machine fills each batch before its timer fires.
        gateway = new SalesforceUpgradeGateway(client, Pushes.fastSettings(200, Duration.ofSeconds(1)), clock,
                new SalesforceGatewayMetrics(registry));

        List<CompletableFuture<UpgradeResult>> results = IntStream.rangeClosed(101, 1100).mapToObj(this::push).toList();

        results.forEach(r -> assertThat(resultOf(r)).isInstanceOf(UpgradeResult.Succeeded.class));
        assertThat(stub.records("PackagePushRequest")).hasSize(5);
        assertThat(calls("composite/tree/PackagePushJob")).isEqualTo(5);
        assertThat(stub.pushesStarted()).hasSize(1000).allSatisfy((org, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void splitsOrgsIntoRequestsOfTheConfiguredBatchSize() {
        gateway.close();
        gateway = gateway(2);

        List<CompletableFuture<UpgradeResult>> results = IntStream.rangeClosed(1, 5).mapToObj(this::push).toList();

        results.forEach(r -> assertThat(resultOf(r)).isInstanceOf(UpgradeResult.Succeeded.class));
        assertThat(stub.records("PackagePushRequest")).hasSize(3);
    }

    @Test
    void schedulesALaterWindowAtItsOpeningRoundedUpToTheMinute() {
        Instant opening = NOW.plus(Duration.ofHours(2)).plusSeconds(30);

        CompletableFuture<UpgradeResult> result = gateway.upgrade(
                Pushes.upgradeOpening(org(1), packageId, v420, opening)).toCompletableFuture();

        await().atMost(WAIT).until(() -> stub.jobStatuses(org(1)).equals(List.of("Pending")));
        assertThat(stub.records("PackagePushRequest").getFirst().get("ScheduledStartTime"))
                .isEqualTo(NOW.plus(Duration.ofHours(2)).plusSeconds(60));
        assertThat(result).isNotDone();
        clock.advance(Duration.ofHours(2).plusMinutes(1));
        assertThat(resultOf(result)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
    }

    @Test
    void completesOnlyWhenTheJobHasFinished() {
        stub.holdJobs();

        CompletableFuture<UpgradeResult> result = push(1);

        await().atMost(WAIT).until(() -> stub.jobStatuses(org(1)).equals(List.of("Pending")));
        stub.startJobs(org(1));
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> !result.isDone());
        assertThat(gateway.watchedJobs()).isEqualTo(1);
        stub.finishJobs(org(1));
        assertThat(resultOf(result)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        await().atMost(WAIT).until(() -> gateway.watchedJobs() == 0);
    }

    // -------------------------------------------------------------------------------------- adoption

    @Test
    void adoptsTheJobOfAnEarlierDeliveryInsteadOfPushingAgain() {
        stub.holdJobs();
        CompletableFuture<UpgradeResult> first = push(1);
        await().atMost(WAIT).until(() -> stub.jobStatuses(org(1)).equals(List.of("Pending")));
        gateway.close();
        assertThat(failureOf(first).category()).isEqualTo(ErrorCategory.TRANSIENT);

        gateway = gateway(200);
        CompletableFuture<UpgradeResult> redelivered = push(1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !redelivered.isDone());
        stub.releaseJobs();

        assertThat(resultOf(redelivered)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.records("PackagePushRequest")).hasSize(1);
        assertThat(stub.jobStatuses(org(1))).containsExactly("Succeeded");
        assertThat(stub.pushesStarted(org(1))).isEqualTo(1);
    }

    @Test
    void schedulesAJobThatACrashedExecutorInsertedButNeverScheduled() {
        String request = client.create("PackagePushRequest", Map.of("PackageVersionId", v420)).join();
        client.insertTree("PackagePushJob", List.of(new TreeRecord(org(1), Map.of("PackagePushRequestId", request,
                "SubscriberOrganizationKey", org(1))))).join();

        UpgradeResult result = resultOf(push(1));

        assertThat(result).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.records("PackagePushRequest")).hasSize(1);
        assertThat(stub.records("PackagePushJob")).hasSize(1);
    }

    @Test
    void reportsAnAlreadySucceededJobWithoutPushingAgain() {
        assertThat(resultOf(push(1))).isInstanceOf(UpgradeResult.Succeeded.class);

        assertThat(resultOf(push(1))).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.records("PackagePushJob")).hasSize(1);
        assertThat(stub.pushesStarted(org(1))).isEqualTo(1);
    }

    @Test
    void followsThePushUnderWayWhenTheSameOrgArrivesTwiceAtOnce() {
        CompletableFuture<UpgradeResult> first = push(1);
        CompletableFuture<UpgradeResult> second = push(1);

        assertThat(resultOf(first)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(resultOf(second)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.records("PackagePushJob")).hasSize(1);
    }

    @Test
    void pushesAgainForALaterCommandAfterAFailedJob() {
        stub.failNextPush(org(1), PushError.lockingFailure());
        assertThat(resultOf(push(1))).isInstanceOf(UpgradeResult.Failed.class);
        clock.advance(Duration.ofMinutes(10));

        UpgradeResult retried = resultOf(gateway.upgrade(Pushes.upgradeIssued(org(1), packageId, v420,
                clock.instant())).toCompletableFuture());

        assertThat(retried).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.jobStatuses(org(1))).containsExactly("Failed", "Succeeded");
    }

    @Test
    void reportsTheFailedJobOfTheSameCommandAgainInsteadOfPushingAgain() {
        stub.failNextPush(org(1), PushError.of("DeployError"));
        UpgradeRequest command = upgrade(org(1), packageId, v420);
        UpgradeResult first = resultOf(gateway.upgrade(command).toCompletableFuture());

        UpgradeResult again = resultOf(gateway.upgrade(command).toCompletableFuture());

        assertThat(again).isEqualTo(first).isInstanceOfSatisfying(UpgradeResult.Failed.class, f -> {
            assertThat(f.errorType()).isEqualTo("DeployError");
            assertThat(f.category()).isEqualTo(ErrorCategory.PERMANENT);
        });
        assertThat(stub.jobStatuses(org(1))).containsExactly("Failed");
    }

    // -------------------------------------------------------------------------------------- failures

    @Test
    void failsARejectedOrgAloneAndPushesTheRestOfTheBatch() {
        stub.rejectJobInsert(org(3), "INVALID_OPERATION", "The subscriber blocks push upgrades of this package");
        stub.addSubscriber(Subscriber.active(org(11), packageId, v410).withStatus("Inactive"));

        CompletableFuture<UpgradeResult> one = push(1);
        CompletableFuture<UpgradeResult> two = push(2);
        CompletableFuture<UpgradeResult> blocked = push(3);
        CompletableFuture<UpgradeResult> inactive = push(11);

        assertThat(resultOf(one)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(resultOf(two)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(resultOf(blocked)).isInstanceOfSatisfying(UpgradeResult.Failed.class, f -> {
            assertThat(f.errorType()).isEqualTo(PushErrors.JOB_REJECTED);
            assertThat(f.category()).isEqualTo(ErrorCategory.PERMANENT);
            assertThat(f.title()).contains("blocks push upgrades");
            assertThat(f.details()).contains("INVALID_OPERATION");
        });
        assertThat(resultOf(inactive)).isInstanceOfSatisfying(UpgradeResult.Failed.class,
                f -> assertThat(f.title()).contains("inactive"));
        assertThat(stub.records("PackagePushRequest")).hasSize(1);
        assertThat(stub.pushesStarted()).containsOnlyKeys(org(1), org(2));
    }

    @Test
    void mapsThePackagePushErrorOfAFailedJobToTheResult() {
        stub.failNextPush(org(1), PushError.apexTestFailure()).failNextPush(org(2), PushError.lockingFailure())
                .failNextPush(org(3), PushError.of("UnclassifiedError", "Something went wrong"));

        UpgradeResult apex = resultOf(push(1));
        UpgradeResult locking = resultOf(push(2));
        UpgradeResult unclassified = resultOf(push(3));

        assertThat(apex).isEqualTo(new UpgradeResult.Failed("ApexTestFailure", ErrorCategory.PERMANENT,
                "Apex test failure", "System.AssertException: Assertion Failed: expected 4, got 5\n"
                + "Class.InvoiceTest.totalsMatch: line 42, column 1"));
        // TRANSIENT by the one table (a later push may pass); still the command's outcome: it never pushes twice.
        assertThat(locking).isInstanceOfSatisfying(UpgradeResult.Failed.class, f -> {
            assertThat(f.errorType()).isEqualTo("LockingFailure");
            assertThat(f.category()).isEqualTo(ErrorCategory.TRANSIENT);
        });
        assertThat(unclassified).isInstanceOfSatisfying(UpgradeResult.Failed.class,
                f -> assertThat(f.category()).isEqualTo(ErrorCategory.TRANSIENT));
        assertThat(stub.installedVersion(org(1), packageId)).contains("4.1.0");
    }

    @Test
    void failsAnOrgWithABetaInstalledAsIneligible() {
        String beta = stub.addVersion(packageId, "4.1.5", "Beta", false);
        stub.addSubscriber(Subscriber.active(org(12), packageId, beta));

        UpgradeResult result = resultOf(push(12));

        assertThat(result).isInstanceOfSatisfying(UpgradeResult.Failed.class, f -> {
            assertThat(f.errorType()).isEqualTo("IneligibleUpgrade");
            assertThat(f.category()).isEqualTo(ErrorCategory.PERMANENT);
        });
    }

    @Test
    void reportsAJobCanceledInSalesforceAsAPermanentFailure() {
        stub.holdJobs().spellCanceledWithTwoLs();
        CompletableFuture<UpgradeResult> result = push(1);
        await().atMost(WAIT).until(() -> stub.jobStatuses(org(1)).equals(List.of("Pending")));

        String request = (String) stub.records("PackagePushRequest").getFirst().get("Id");
        client.update("PackagePushRequest", request, Map.of("Status", "Canceled")).join();

        assertThat(resultOf(result)).isInstanceOfSatisfying(UpgradeResult.Failed.class, f -> {
            assertThat(f.errorType()).isEqualTo(PushErrors.PUSH_CANCELED);
            assertThat(f.category()).isEqualTo(ErrorCategory.PERMANENT);
        });
    }

    @Test
    void triesTheRequestLimitAgainUntilTheCallPasses() {
        stub.injectFault(StubRoute.CREATE, StubFault.REQUEST_LIMIT_EXCEEDED, 2);

        assertThat(resultOf(push(1))).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.records("PackagePushRequest")).hasSize(1);
    }

    @Test
    void triesTheJobInsertAgainWhenSomethingBadHasHappened() {
        stub.injectFault(StubRoute.COMPOSITE_TREE, StubFault.SOMETHING_BAD_HAS_HAPPENED, 1);

        assertThat(resultOf(push(1))).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(calls("composite/tree/PackagePushJob")).isEqualTo(2);
        assertThat(stub.records("PackagePushRequest")).hasSize(1);
    }

    @Test
    void givesUpOnTheJobInsertWhenTheWindowClosesAndCancelsTheEmptyRequest() {
        stub.injectFault(StubRoute.COMPOSITE_TREE, StubFault.SOMETHING_BAD_HAS_HAPPENED, 1_000);
        CompletableFuture<UpgradeResult> result = push(1);
        await().atMost(WAIT).until(() -> calls("composite/tree/PackagePushJob") >= 3);

        clock.advance(Duration.ofHours(5));

        assertThat(failureOf(result).category()).isEqualTo(ErrorCategory.TRANSIENT);
        await().atMost(WAIT).until(() -> "Canceled".equals(stub.records("PackagePushRequest").getFirst().get("Status")));
    }

    @Test
    void keepsWatchingThroughTransientPollingErrorsAndAnExpiredSession() {
        stub.holdJobs();
        CompletableFuture<UpgradeResult> result = push(1);
        await().atMost(WAIT).until(() -> stub.jobStatuses(org(1)).equals(List.of("Pending")));

        stub.injectFault(StubRoute.QUERY, StubFault.SERVER_ERROR, 2);
        stub.injectFault(StubRoute.ANY_DATA, StubFault.SESSION_EXPIRED, 1);
        stub.releaseJobs();

        assertThat(resultOf(result)).isEqualTo(new UpgradeResult.Succeeded(TARGET));
        assertThat(stub.logins()).isEqualTo(2);
    }

    // -------------------------------------------------------------------------------------- metrics

    @Test
    void countsGatewayCallsByOperationAndResult() {
        stub.injectFault(StubRoute.CREATE, StubFault.REQUEST_LIMIT_EXCEEDED, 1);
        resultOf(push(1));

        assertThat(registry.get(SalesforceGatewayMetrics.CALLS).tags("operation", "create_push_request",
                "result", "transient_error").counter().count()).isEqualTo(1);
        assertThat(registry.get(SalesforceGatewayMetrics.CALLS).tags("operation", "create_push_request",
                "result", "success").counter().count()).isEqualTo(1);
        assertThat(registry.get(SalesforceGatewayMetrics.CALLS).tags("operation", "poll_push_jobs",
                "result", "success").counter().count()).isPositive();
    }

    @Test
    void failsNewWorkAsTransientAfterItWasClosed() {
        gateway.close();

        GatewayException failure = failureOf(push(1));

        assertThat(failure.errorCode()).isEqualTo("GATEWAY_STOPPED");
        assertThat(failure.category()).isEqualTo(ErrorCategory.TRANSIENT);
        assertThat(stub.records("PackagePushRequest")).isEmpty();
    }
}
