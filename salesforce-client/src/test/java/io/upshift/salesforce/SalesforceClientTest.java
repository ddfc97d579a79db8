package io.upshift.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against hand-written WireMock answers shaped like Salesforce's documented ones, so
 * every byte on the wire is under the test's control.
 */
class SalesforceClientTest {

    private static final String SECRET = "s3cr3t-consumer-secret-never-logged";
    private static final String TOKEN_1 = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.first-token";
    private static final String TOKEN_2 = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.second-token";
    private static final String QUERY = "/services/data/v62.0/query";

    private static WireMockServer salesforce;
    private SalesforceClient client;

    @BeforeAll
    static void startSalesforce() {
        salesforce = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));
        salesforce.start();
    }

    @AfterAll
    static void stopSalesforce() {
        salesforce.stop();
    }

    @BeforeEach
    void givenAClientThatCanLogIn() {
        salesforce.resetAll();
        tokenEndpointIssues(TOKEN_1);
        client = new SalesforceClient(config());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private SalesforceConfig config() {
        return SalesforceConfig.clientCredentials(URI.create(salesforce.baseUrl()), "3MVG9client-id", SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private void tokenEndpointIssues(String token) {
        salesforce.stubFor(post("/services/oauth2/token").willReturn(okJson(tokenResponse(token))));
    }

    private static String tokenResponse(String token) {
        return "{\"access_token\":\"" + token + "\",\"instance_url\":\"" + salesforce.baseUrl()
                + "\",\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPL/005xx000001Sv6e\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1740823200000\",\"signature\":\"abc=\"}";
    }

    private static String page(boolean done, String next, String... orgKeys) {
        StringBuilder records = new StringBuilder();
        for (String key : orgKeys) {
            if (!records.isEmpty()) {
                records.append(',');
            }
            records.append("{\"attributes\":{\"type\":\"PackageSubscriber\"},\"OrgKey\":\"").append(key)
                    .append("\",\"OrgName\":\"Acme ").append(key).append("\"}");
        }
        return "{\"totalSize\":5,\"done\":" + done + (next == null ? "" : ",\"nextRecordsUrl\":\"" + next + "\"")
                + ",\"records\":[" + records + "]}";
    }

    private static SalesforceException failureOf(CompletableFuture<?> future) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SalesforceException.class);
        return (SalesforceException) future.handle((r, e) -> e.getCause()).join();
    }

    // ------------------------------------------------------------------------------------ logging in

    @Test
    void logsInWithTheClientCredentialsFlowAndSendsTheBearerToken() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(page(true, null, "00D000000000001AAA"))));

        client.queryAll("SELECT OrgKey FROM PackageSubscriber").join();

        salesforce.verify(postRequestedFor(urlEqualTo("/services/oauth2/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=3MVG9client-id")));
        salesforce.verify(getRequestedFor(urlPathEqualTo(QUERY))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN_1)));
    }

    @Test
    void reportsARejectedLoginAsAnAuthenticationFailure() {
        salesforce.stubFor(post("/services/oauth2/token").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

        SalesforceException failure = failureOf(client.queryPage("SELECT Id FROM PackageSubscriber"));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.AUTHENTICATION);
        assertThat(failure.errorCode()).isEqualTo("invalid_client");
        assertThat(failure.getMessage()).contains("invalid client credentials");
    }

    @Test
    void logsInAgainOnceWhenTheSessionExpiredAndRetriesTheCall() {
        salesforce.stubFor(post("/services/oauth2/token").inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenResponse(TOKEN_1))).willSetStateTo("second"));
        salesforce.stubFor(post("/services/oauth2/token").inScenario("login").whenScenarioStateIs("second")
                .willReturn(okJson(tokenResponse(TOKEN_2))));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
                .willReturn(okJson(page(true, null, "00D000000000001AAA"))));

        List<JsonNode> records = client.queryAll("SELECT OrgKey FROM PackageSubscriber").join();

        assertThat(records).hasSize(1);
        salesforce.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        salesforce.verify(2, getRequestedFor(urlPathEqualTo(QUERY)));
    }

    @Test
    void givesUpAfterOneFreshLoginWhenTheSessionIsRejectedAgain() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));

        SalesforceException failure = failureOf(client.queryPage("SELECT Id FROM PackageSubscriber"));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.AUTHENTICATION);
        assertThat(failure.errorCode()).isEqualTo("INVALID_SESSION_ID");
        salesforce.verify(2, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        salesforce.verify(2, getRequestedFor(urlPathEqualTo(QUERY)));
    }

    @Test
    void sharesOneLoginAmongManyConcurrentCalls() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(page(true, null, "00D000000000001AAA"))));

        List<CompletableFuture<QueryPage>> calls = IntStream.range(0, 25)
                .mapToObj(i -> client.queryPage("SELECT Id FROM PackageSubscriber LIMIT " + (i + 1))).toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        salesforce.verify(1, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        salesforce.verify(25, getRequestedFor(urlPathEqualTo(QUERY)));
    }

    // ------------------------------------------------------------------------------------------ SOQL

    @Test
    void followsNextRecordsUrlUntilDone() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", equalTo("SELECT OrgKey FROM PackageSubscriber"))
                .willReturn(okJson(page(false, "/services/data/v62.0/query/01gD0000002HU6KIAW-2", "A1", "A2"))));
        salesforce.stubFor(get(urlEqualTo("/services/data/v62.0/query/01gD0000002HU6KIAW-2"))
                .willReturn(okJson(page(false, "/services/data/v62.0/query/01gD0000002HU6KIAW-4", "A3", "A4"))));
        salesforce.stubFor(get(urlEqualTo("/services/data/v62.0/query/01gD0000002HU6KIAW-4"))
                .willReturn(okJson(page(true, null, "A5"))));

        List<String> keys = client.query("SELECT OrgKey FROM PackageSubscriber")
                .map(r -> r.get("OrgKey").asText()).toList();

        assertThat(keys).containsExactly("A1", "A2", "A3", "A4", "A5");
    }

    @Test
    void fetchesTheNextPageOnlyWhenTheStreamReachesIt() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY))
                .willReturn(okJson(page(false, "/services/data/v62.0/query/01gD0000002HU6KIAW-2", "A1", "A2"))));
        salesforce.stubFor(get(urlEqualTo("/services/data/v62.0/query/01gD0000002HU6KIAW-2"))
                .willReturn(okJson(page(true, null, "A3"))));

        List<JsonNode> firstTwo = client.query("SELECT OrgKey FROM PackageSubscriber").limit(2).toList();

        assertThat(firstTwo).hasSize(2);
        salesforce.verify(0, getRequestedFor(urlEqualTo("/services/data/v62.0/query/01gD0000002HU6KIAW-2")));
    }

    record Subscriber(@com.fasterxml.jackson.annotation.JsonProperty("OrgKey") String orgKey,
                      @com.fasterxml.jackson.annotation.JsonProperty("OrgName") String orgName) {
    }

    @Test
    void mapsRecordsToTypesIgnoringSalesforceAttributes() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(page(true, null, "A1"))));

        List<Subscriber> subscribers = client.query("SELECT OrgKey, OrgName FROM PackageSubscriber", Subscriber.class)
                .toList();

        assertThat(subscribers).containsExactly(new Subscriber("A1", "Acme A1"));
    }

    @Test
    void failsLoudlyOnAMalformedQuery() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"unexpected token: 'FORM'\",\"errorCode\":\"MALFORMED_QUERY\"}]")));

        try (LogCapture logs = LogCapture.start()) {
            assertThatThrownBy(() -> client.query("SELECT Id FORM PackageSubscriber").toList())
                    .isInstanceOfSatisfying(SalesforceException.class, e -> {
                        assertThat(e.category()).isEqualTo(SalesforceException.Category.INVALID_REQUEST);
                        assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                        assertThat(e.httpStatus()).isEqualTo(400);
                    });
            assertThat(logs.errors()).anySatisfy(line -> assertThat(line).contains("MALFORMED_QUERY"))
                    .anySatisfy(line -> assertThat(line).contains("SELECT Id FORM PackageSubscriber"));
        }
    }

    @Test
    void treatsAnInvalidFieldAsABugNotAsSomethingToRetry() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"No such column 'OrgKee' on entity 'PackageSubscriber'.\","
                        + "\"errorCode\":\"INVALID_FIELD\"}]")));

        SalesforceException failure = failureOf(client.queryPage("SELECT OrgKee FROM PackageSubscriber"));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.INVALID_REQUEST);
        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.errorCode()).isEqualTo("INVALID_FIELD");
    }

    // ------------------------------------------------------------------------------- transient errors

    @Test
    void reportsRequestLimitExceededAsTransient() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

        SalesforceException failure = failureOf(client.queryPage("SELECT Id FROM PackagePushJob"));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.TRANSIENT);
        assertThat(failure.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(failure.httpStatus()).isEqualTo(403);
    }

    @Test
    void reportsServerErrorsAsTransient() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));
        salesforce.stubFor(patch(urlPathEqualTo("/services/data/v62.0/sobjects/PackagePushRequest/0DV000000000001AAA"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html>Service Unavailable</html>")));

        SalesforceException queryFailure = failureOf(client.queryPage("SELECT Id FROM PackagePushJob"));
        SalesforceException updateFailure = failureOf(client.update("PackagePushRequest", "0DV000000000001AAA",
                Map.of("Status", "Pending")));

        assertThat(queryFailure.category()).isEqualTo(SalesforceException.Category.TRANSIENT);
        assertThat(queryFailure.errorCode()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(updateFailure.category()).isEqualTo(SalesforceException.Category.TRANSIENT);
        assertThat(updateFailure.httpStatus()).isEqualTo(503);
    }

    @Test
    void reportsATimeoutAsTransient() {
        client.close();
        client = new SalesforceClient(config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(page(true, null)).withFixedDelay(3_000)));

        SalesforceException failure = failureOf(client.queryPage("SELECT Id FROM PackagePushJob"));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.TRANSIENT);
        assertThat(failure.errorCode()).isEqualTo("TIMEOUT");
    }

    // -------------------------------------------------------------------------------------- sObjects

    @Test
    void createsARecordWithUtcDatetimesAndReturnsItsId() {
        salesforce.stubFor(post("/services/data/v62.0/sobjects/PackagePushRequest").willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"0DV000000000001AAA\",\"success\":true,\"errors\":[]}")));

        String id = client.create("PackagePushRequest", Map.of("PackageVersionId", "04t000000000001AAA",
                "ScheduledStartTime", Instant.parse("2025-03-01T22:00:00Z"))).join();

        assertThat(id).isEqualTo("0DV000000000001AAA");
        salesforce.verify(postRequestedFor(urlEqualTo("/services/data/v62.0/sobjects/PackagePushRequest"))
                .withRequestBody(equalToJson("{\"PackageVersionId\":\"04t000000000001AAA\","
                        + "\"ScheduledStartTime\":\"2025-03-01T22:00:00.000Z\"}")));
    }

    @Test
    void updatesARecordWithPatch() {
        salesforce.stubFor(patch(urlEqualTo("/services/data/v62.0/sobjects/PackagePushRequest/0DV000000000001AAA"))
                .willReturn(aResponse().withStatus(204)));

        client.update("PackagePushRequest", "0DV000000000001AAA", Map.of("Status", "Pending")).join();

        salesforce.verify(patchRequestedFor(urlEqualTo("/services/data/v62.0/sobjects/PackagePushRequest/0DV000000000001AAA"))
                .withRequestBody(equalToJson("{\"Status\":\"Pending\"}")));
    }

    // ------------------------------------------------------------------------------------- composite

    private static final String TREE = "/services/data/v62.0/composite/tree/PackagePushJob";

    private static List<TreeRecord> jobs(String... orgKeys) {
        List<TreeRecord> records = new ArrayList<>();
        for (String key : orgKeys) {
            records.add(new TreeRecord(key, Map.of("PackagePushRequestId", "0DV000000000001AAA",
                    "SubscriberOrganizationKey", key)));
        }
        return records;
    }

    @Test
    void insertsATreeAndReturnsTheIdOfEveryReference() {
        salesforce.stubFor(post(TREE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"hasErrors\":false,\"results\":[{\"referenceId\":\"00D000000000001AAA\",\"id\":\"0DX1\"},"
                        + "{\"referenceId\":\"00D000000000002AAA\",\"id\":\"0DX2\"}]}")));

        TreeInsertResult result = client.insertTree("PackagePushJob", jobs("00D000000000001AAA", "00D000000000002AAA"))
                .join();

        assertThat(result.insertedIds()).containsEntry("00D000000000001AAA", "0DX1")
                .containsEntry("00D000000000002AAA", "0DX2");
        assertThat(result.hasRejections()).isFalse();
        salesforce.verify(postRequestedFor(urlEqualTo(TREE)).withRequestBody(equalToJson("{\"records\":["
                + "{\"attributes\":{\"type\":\"PackagePushJob\",\"referenceId\":\"00D000000000001AAA\"},"
                + "\"PackagePushRequestId\":\"0DV000000000001AAA\",\"SubscriberOrganizationKey\":\"00D000000000001AAA\"},"
                + "{\"attributes\":{\"type\":\"PackagePushJob\",\"referenceId\":\"00D000000000002AAA\"},"
                + "\"PackagePushRequestId\":\"0DV000000000001AAA\",\"SubscriberOrganizationKey\":\"00D000000000002AAA\"}]}")));
    }

    private static final String ONE_REJECTED = "{\"hasErrors\":true,\"results\":[{\"referenceId\":\"00D000000000002AAA\","
            + "\"errors\":[{\"statusCode\":\"INVALID_OPERATION\",\"message\":\"Org is inactive\","
            + "\"fields\":[\"SubscriberOrganizationKey\"]}]}]}";

    @Test
    void reportsWhichReferencesAPartlyRejectedTreeInsertRefused() {
        salesforce.stubFor(post(TREE).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(ONE_REJECTED)));

        TreeInsertResult result = client.insertTree("PackagePushJob",
                jobs("00D000000000001AAA", "00D000000000002AAA", "00D000000000003AAA")).join();

        assertThat(result.insertedIds()).isEmpty();
        assertThat(result.rejected()).containsOnlyKeys("00D000000000002AAA");
        assertThat(result.rejected().get("00D000000000002AAA")).containsExactly(
                new ApiError("INVALID_OPERATION", "Org is inactive", List.of("SubscriberOrganizationKey")));
    }

    @Test
    void dropsTheRejectedRecordsAndInsertsTheRest() {
        salesforce.stubFor(post(TREE).inScenario("tree").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(ONE_REJECTED)).willSetStateTo("retry"));
        salesforce.stubFor(post(TREE).inScenario("tree").whenScenarioStateIs("retry")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"hasErrors\":false,\"results\":[{\"referenceId\":\"00D000000000001AAA\",\"id\":\"0DX1\"},"
                                + "{\"referenceId\":\"00D000000000003AAA\",\"id\":\"0DX3\"}]}")));

        TreeInsertResult result = client.insertTreeSkippingRejected("PackagePushJob",
                jobs("00D000000000001AAA", "00D000000000002AAA", "00D000000000003AAA")).join();

        assertThat(result.insertedIds()).containsOnlyKeys("00D000000000001AAA", "00D000000000003AAA");
        assertThat(result.rejected()).containsOnlyKeys("00D000000000002AAA");
        List<String> bodies = salesforce.findAll(postRequestedFor(urlEqualTo(TREE))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).doesNotContain("00D000000000002AAA");
    }

    @Test
    void treatsSomethingBadHasHappenedAsARetryOfTheWholeBatch() {
        salesforce.stubFor(post(TREE).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"hasErrors\":true,\"results\":[{\"referenceId\":\"00D000000000001AAA\",\"errors\":["
                        + "{\"statusCode\":\"UNKNOWN_EXCEPTION\",\"message\":\"Something bad has happened.\",\"fields\":[]}]}]}")));

        SalesforceException failure = failureOf(client.insertTreeSkippingRejected("PackagePushJob",
                jobs("00D000000000001AAA", "00D000000000002AAA")));

        assertThat(failure.category()).isEqualTo(SalesforceException.Category.TRANSIENT);
        assertThat(failure.errorCode()).isEqualTo("UNKNOWN_EXCEPTION");
        salesforce.verify(1, postRequestedFor(urlEqualTo(TREE)));
    }

    @Test
    void refusesBatchesLargerThanSalesforceAccepts() {
        List<TreeRecord> tooMany = IntStream.range(0, 201)
                .mapToObj(i -> new TreeRecord("ref" + i, Map.of("SubscriberOrganizationKey", "x"))).toList();

        assertThatThrownBy(() -> client.insertTree("PackagePushJob", tooMany))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 200");
    }

    @Test
    void createsACollectionRecordByRecordWithoutAllOrNone() {
        salesforce.stubFor(post("/services/data/v62.0/composite/sobjects").willReturn(okJson("["
                + "{\"id\":\"0DX1\",\"success\":true,\"errors\":[]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"DUPLICATE_VALUE\",\"message\":\"duplicate value found\","
                + "\"fields\":[\"SubscriberOrganizationKey\"]}]}]")));

        List<SaveResult> results = client.createCollection("PackagePushJob", List.of(
                Map.of("PackagePushRequestId", "0DV1", "SubscriberOrganizationKey", "00D000000000001AAA"),
                Map.of("PackagePushRequestId", "0DV1", "SubscriberOrganizationKey", "00D000000000002AAA"))).join();

        assertThat(results).extracting(SaveResult::success).containsExactly(true, false);
        assertThat(results.get(0).id()).isEqualTo("0DX1");
        assertThat(results.get(1).errors()).extracting(ApiError::code).containsExactly("DUPLICATE_VALUE");
        salesforce.verify(postRequestedFor(urlEqualTo("/services/data/v62.0/composite/sobjects"))
                .withRequestBody(equalToJson("{\"allOrNone\":false,\"records\":["
                        + "{\"attributes\":{\"type\":\"PackagePushJob\"},\"PackagePushRequestId\":\"0DV1\","
                        + "\"SubscriberOrganizationKey\":\"00D000000000001AAA\"},"
                        + "{\"attributes\":{\"type\":\"PackagePushJob\"},\"PackagePushRequestId\":\"0DV1\","
                        + "\"SubscriberOrganizationKey\":\"00D000000000002AAA\"}]}")));
    }

    // --------------------------------------------------------------------------------------- secrets

    @Test
    void neverLogsOrPrintsCredentialsOrTokens() {
        salesforce.stubFor(post("/services/oauth2/token").inScenario("login").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(tokenResponse(TOKEN_1))).willSetStateTo("second"));
        salesforce.stubFor(post("/services/oauth2/token").inScenario("login").whenScenarioStateIs("second")
                .willReturn(okJson(tokenResponse(TOKEN_2))));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer " + TOKEN_1))
                .willReturn(aResponse().withStatus(401).withBody("[{\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer " + TOKEN_2))
                .willReturn(aResponse().withStatus(400).withBody("[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"x\"}]")));

        try (LogCapture logs = LogCapture.start()) {
            CompletableFuture<QueryPage> call = client.queryPage("SELECT Id FROM PackageSubscriber");
            assertThatThrownBy(call::join).hasRootCauseInstanceOf(SalesforceException.class);

            assertThat(logs.all()).isNotEmpty();
            assertThat(String.join("\n", logs.all())).doesNotContain(SECRET, TOKEN_1, TOKEN_2, "client_secret");
            assertThat(call.handle((r, e) -> e.getCause().toString()).join()).doesNotContain(SECRET, TOKEN_1, TOKEN_2);
        }
        assertThat(config().toString()).doesNotContain(SECRET, "3MVG9client-id").contains("(redacted)");
        assertThat(client.toString()).doesNotContain(SECRET);
    }
}
