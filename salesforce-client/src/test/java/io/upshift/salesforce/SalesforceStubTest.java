package io.upshift.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upshift.salesforce.stub.MutableClock;
import io.upshift.salesforce.stub.PushError;
import io.upshift.salesforce.stub.SalesforceStub;
import io.upshift.salesforce.stub.SalesforceStub.Subscriber;
import io.upshift.salesforce.stub.StubFault;
import io.upshift.salesforce.stub.StubRoute;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stateful stub follows the documented push-upgrade API, exercised through the real client. */
class SalesforceStubTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ORG_1 = "00D5e000000AAA1EAA";
    private static final String ORG_2 = "00D5e000000AAA2EAA";
    private static final String ORG_3 = "00D5e000000AAA3EAA";

    private final MutableClock clock = new MutableClock(NOW);
    private SalesforceStub stub;
    private SalesforceClient client;
    private String packageId;
    private String v410;
    private String v420;

    @BeforeEach
    void givenAPackagingOrgWithSubscribers() {
        stub = new SalesforceStub(clock);
        packageId = stub.addPackage("Invoicing", "inv");
        v410 = stub.addVersion(packageId, "4.1.0");
        v420 = stub.addVersion(packageId, "4.2.0");
        for (String org : List.of(ORG_1, ORG_2, ORG_3)) {
            stub.addSubscriber(Subscriber.active(org, packageId, v410));
        }
        client = new SalesforceClient(stub.clientCredentialsConfig(), clock);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private String createRequest(Instant start) {
        return client.create("PackagePushRequest", Map.of("PackageVersionId", v420, "ScheduledStartTime", start)).join();
    }

    private static List<TreeRecord> jobs(String requestId, String... orgs) {
        return List.of(orgs).stream().map(org -> new TreeRecord(org, Map.of("PackagePushRequestId", requestId,
                "SubscriberOrganizationKey", org))).toList();
    }

    private Map<String, String> jobStatuses(String requestId) {
        return client.query("SELECT SubscriberOrganizationKey, Status FROM PackagePushJob WHERE PackagePushRequestId = "
                + Soql.quote(requestId)).collect(java.util.stream.Collectors.toMap(
                        r -> r.get("SubscriberOrganizationKey").asText(), r -> r.get("Status").asText()));
    }

    @Test
    void runsAPushFromRequestToSucceededAndFailedJobsWithTheirErrors() {
        stub.failNextPush(ORG_2, PushError.apexTestFailure());
        String request = createRequest(NOW);
        TreeInsertResult inserted = client.insertTree("PackagePushJob", jobs(request, ORG_1, ORG_2)).join();
        assertThat(jobStatuses(request)).containsValues("Created", "Created");

        client.update("PackagePushRequest", request, Map.of("Status", "Pending")).join();

        assertThat(jobStatuses(request)).containsEntry(ORG_1, "Succeeded").containsEntry(ORG_2, "Failed");
        List<JsonNode> errors = client.queryAll("SELECT PackagePushJobId, ErrorSeverity, ErrorType, ErrorTitle,"
                + " ErrorMessage, ErrorDetails FROM PackagePushError WHERE PackagePushJobId IN "
                + Soql.inList(inserted.insertedIds().values())).join();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("PackagePushJobId").asText()).isEqualTo(inserted.insertedIds().get(ORG_2));
            assertThat(e.get("ErrorType").asText()).isEqualTo("ApexTestFailure");
            assertThat(e.get("ErrorSeverity").asText()).isEqualTo("Error");
        });
        assertThat(stub.installedVersion(ORG_1, packageId)).contains("4.2.0");
        assertThat(stub.installedVersion(ORG_2, packageId)).contains("4.1.0");
        assertThat(stub.pushesStarted()).containsEntry(ORG_1, 1).containsEntry(ORG_2, 1);
        JsonNode requestRow = client.queryAll("SELECT Status, PackageVersion.MajorVersion FROM PackagePushRequest"
                + " WHERE Id = " + Soql.quote(request)).join().getFirst();
        assertThat(requestRow.get("Status").asText()).isEqualTo("Failed");
        assertThat(requestRow.get("PackageVersion").get("MajorVersion").asInt()).isEqualTo(4);
    }

    @Test
    void movesJobsAlongWithTheClockAfterTheScheduledStart() {
        stub.pushTiming(Duration.ofMinutes(1), Duration.ofMinutes(5));
        String request = createRequest(NOW.plus(Duration.ofHours(1)));
        client.insertTree("PackagePushJob", jobs(request, ORG_1)).join();
        client.update("PackagePushRequest", request, Map.of("Status", "Pending")).join();

        assertThat(jobStatuses(request)).containsEntry(ORG_1, "Pending");
        clock.advance(Duration.ofMinutes(61));
        assertThat(jobStatuses(request)).containsEntry(ORG_1, "In Progress");
        clock.advance(Duration.ofMinutes(5));
        assertThat(jobStatuses(request)).containsEntry(ORG_1, "Succeeded");
    }

    @Test
    void holdsJobsUntilTheTestFinishesThem() {
        stub.holdJobs();
        String request = createRequest(NOW);
        client.insertTree("PackagePushJob", jobs(request, ORG_1, ORG_2)).join();
        client.update("PackagePushRequest", request, Map.of("Status", "Pending")).join();
        clock.advance(Duration.ofHours(2));
        assertThat(jobStatuses(request)).containsValues("Pending", "Pending");

        stub.startJobs(ORG_1);
        assertThat(jobStatuses(request)).containsEntry(ORG_1, "In Progress").containsEntry(ORG_2, "Pending");
        stub.finishJobs(null);

        assertThat(jobStatuses(request)).containsValues("Succeeded", "Succeeded");
    }

    @Test
    void rejectsIneligibleOrgsWithPerRecordErrorsAndInsertsNothingOfTheBatch() {
        stub.addSubscriber(Subscriber.active("00D5e000000AAA4EAA", packageId, v410).withStatus("Inactive"));
        stub.addSubscriber(Subscriber.active("00D5e000000AAA5EAA", packageId, v420));
        String request = createRequest(NOW);

        TreeInsertResult result = client.insertTree("PackagePushJob",
                jobs(request, ORG_1, "00D5e000000AAA4EAA", "00D5e000000AAA5EAA", "00D5e000000AAA6EAA")).join();

        assertThat(result.insertedIds()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("00D5e000000AAA4EAA", "00D5e000000AAA5EAA", "00D5e000000AAA6EAA");
        assertThat(result.rejected().get("00D5e000000AAA4EAA").getFirst().message()).contains("inactive");
        assertThat(result.rejected().get("00D5e000000AAA5EAA").getFirst().message()).contains("already has version 4.2.0");
        assertThat(result.rejected().get("00D5e000000AAA6EAA").getFirst().message()).contains("not installed");
        assertThat(stub.records("PackagePushJob")).isEmpty();

        TreeInsertResult rest = client.insertTreeSkippingRejected("PackagePushJob",
                jobs(request, ORG_1, "00D5e000000AAA4EAA", ORG_2)).join();

        assertThat(rest.insertedIds()).containsOnlyKeys(ORG_1, ORG_2);
        assertThat(rest.rejected()).containsOnlyKeys("00D5e000000AAA4EAA");
    }

    @Test
    void rejectsAnOrgTheTestSaysIsIneligible() {
        stub.rejectJobInsert(ORG_3, "INVALID_OPERATION", "The subscriber blocks push upgrades for this package");
        String request = createRequest(NOW);

        List<SaveResult> results = client.createCollection("PackagePushJob", List.of(
                Map.of("PackagePushRequestId", request, "SubscriberOrganizationKey", ORG_1),
                Map.of("PackagePushRequestId", request, "SubscriberOrganizationKey", ORG_3))).join();

        assertThat(results).extracting(SaveResult::success).containsExactly(true, false);
        assertThat(results.get(1).errors().getFirst().message()).contains("blocks push upgrades");
    }

    @Test
    void refusesToPushABetaOrDeprecatedVersion() {
        String beta = stub.addVersion(packageId, "4.3.0", "Beta", false);

        assertThatThrownBy(() -> client.create("PackagePushRequest", Map.of("PackageVersionId", beta)).join())
                .hasCauseInstanceOf(SalesforceException.class)
                .hasMessageContaining("INVALID_OPERATION");
    }

    @Test
    void cancelsAPendingRequestAndItsJobs() {
        stub.holdJobs().spellCanceledWithTwoLs();
        String request = createRequest(NOW.plus(Duration.ofDays(1)));
        client.insertTree("PackagePushJob", jobs(request, ORG_1)).join();
        client.update("PackagePushRequest", request, Map.of("Status", "Pending")).join();

        client.update("PackagePushRequest", request, Map.of("Status", "Canceled")).join();

        assertThat(jobStatuses(request)).containsEntry(ORG_1, "Cancelled");
        assertThatThrownBy(() -> client.update("PackagePushRequest", request, Map.of("Status", "Pending")).join())
                .hasMessageContaining("INVALID_OPERATION");
    }

    @Test
    void pagesLargeResultsThroughNextRecordsUrl() {
        stub.pageSize(4);
        IntStream.range(10, 20).forEach(i -> stub.addSubscriber(Subscriber.active("00D5e000000AA" + i + "EAAA",
                packageId, v410)));

        List<String> keys = client.query("SELECT OrgKey FROM PackageSubscriber WHERE MetadataPackageId = "
                + Soql.quote(packageId) + " ORDER BY OrgKey").map(r -> r.get("OrgKey").asText()).toList();

        assertThat(keys).hasSize(13).isSorted().doesNotHaveDuplicates();
        assertThat(stub.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("/query")).count()).isEqualTo(4);
    }

    @Test
    void answersSoqlMistakesAsSalesforceDoes() {
        assertThatThrownBy(() -> client.query("SELECT OrgKee FROM PackageSubscriber").toList())
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> client.query("SELECT OrgKey FORM PackageSubscriber").toList())
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY"));
        assertThatThrownBy(() -> client.query("SELECT Id FROM PushThing").toList())
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
    }

    @Test
    void filtersWithInNotInAndLookups() {
        String request = createRequest(NOW);
        client.insertTree("PackagePushJob", jobs(request, ORG_1, ORG_2, ORG_3)).join();

        List<JsonNode> rows = client.queryAll("SELECT Id, SubscriberOrganizationKey, PackagePushRequest.Status"
                + " FROM PackagePushJob WHERE PackagePushRequest.PackageVersionId = " + Soql.quote(v420)
                + " AND SubscriberOrganizationKey IN " + Soql.inList(List.of(ORG_1, ORG_3))
                + " AND Status NOT IN ('Failed','Canceled','Cancelled')").join();

        assertThat(rows).extracting(r -> r.get("SubscriberOrganizationKey").asText()).containsExactlyInAnyOrder(ORG_1, ORG_3);
        assertThat(rows.getFirst().get("PackagePushRequest").get("Status").asText()).isEqualTo("Created");
    }

    @Test
    void logsInWithASignedJwtAndRefusesAnotherKey() throws Exception {
        try (SalesforceClient jwt = new SalesforceClient(stub.jwtBearerConfig(), clock)) {
            assertThat(jwt.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
        }
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
        SalesforceConfig wrongKey = SalesforceConfig.jwtBearer(URI.create(stub.baseUrl()), SalesforceStub.CLIENT_ID,
                SalesforceStub.USERNAME, otherKey);
        try (SalesforceClient jwt = new SalesforceClient(wrongKey, clock)) {
            CompletableFuture<List<JsonNode>> call = jwt.queryAll("SELECT Id FROM MetadataPackage");
            assertThatThrownBy(call::join).hasCauseInstanceOf(SalesforceException.class)
                    .hasMessageContaining("invalid_grant");
        }
    }

    @Test
    void renewsAnExpiredSessionWithoutTheCallerNoticing() {
        client.queryAll("SELECT Id FROM MetadataPackage").join();
        stub.expireSessions();

        assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
        assertThat(stub.logins()).isEqualTo(2);
    }

    @Test
    void injectsFaultsThatTheClientReportsAsTransient() {
        stub.injectFault(StubRoute.QUERY, StubFault.REQUEST_LIMIT_EXCEEDED, 1)
                .injectFault(StubRoute.CREATE, StubFault.SERVER_ERROR, 1)
                .injectFault(StubRoute.COMPOSITE_TREE, StubFault.SOMETHING_BAD_HAS_HAPPENED, 1);

        assertThatThrownBy(() -> client.queryAll("SELECT Id FROM MetadataPackage").join())
                .cause().isInstanceOfSatisfying(SalesforceException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
                });
        assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
        assertThatThrownBy(() -> createRequest(NOW)).cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.isTransient()).isTrue());
        String request = createRequest(NOW);
        assertThatThrownBy(() -> client.insertTree("PackagePushJob", jobs(request, ORG_1)).join()).cause()
                .isInstanceOfSatisfying(SalesforceException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(client.insertTree("PackagePushJob", jobs(request, ORG_1)).join().insertedIds()).containsOnlyKeys(ORG_1);
    }

    @Test
    void failsAnExpiredSessionInjectedAsAFaultAndRecoversWithOneLogin() {
        client.queryAll("SELECT Id FROM MetadataPackage").join();
        stub.injectFault(StubRoute.QUERY, StubFault.SESSION_EXPIRED, 1);

        assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
        assertThat(stub.logins()).isEqualTo(2);
    }

    @Test
    void answersAFaultOnEveryNthCallOfARouteUntilCleared() {
        stub.injectFaultEvery(StubRoute.QUERY, StubFault.SERVICE_UNAVAILABLE, 3);

        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            failed.add(client.queryAll("SELECT Id FROM MetadataPackage").handle((rows, e) -> e != null).join());
        }

        assertThat(failed).containsExactly(false, false, true, false, false, true);
        stub.clearFaults();
        assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
    }

    @Test
    void expiresTheSessionEveryNthCallAndTheClientLogsInAgain() {
        stub.injectFaultEvery(StubRoute.ANY_DATA, StubFault.SESSION_EXPIRED, 4);

        for (int i = 0; i < 8; i++) {
            assertThat(client.queryAll("SELECT Id FROM MetadataPackage").join()).hasSize(1);
        }

        assertThat(stub.logins()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void reportsTheDailyApiRequestsAndRefusesCallsBeyondThem() {
        stub.dailyApiRequests(10).apiRequestsUsed(7);
        client.queryAll("SELECT Id FROM MetadataPackage").join();

        JsonNode limits = client.limits().join();

        assertThat(limits.path("DailyApiRequests").path("Max").asInt()).isEqualTo(10);
        assertThat(limits.path("DailyApiRequests").path("Remaining").asInt()).isEqualTo(2);
        client.queryAll("SELECT Id FROM MetadataPackage").join();
        client.queryAll("SELECT Id FROM MetadataPackage").join();
        assertThatThrownBy(() -> client.queryAll("SELECT Id FROM MetadataPackage").join()).cause()
                .isInstanceOfSatisfying(SalesforceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED"));
        assertThat(stub.apiRequestsUsed()).isEqualTo(10);
    }
}
