package io.upshift.salesforce.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.upshift.salesforce.SalesforceConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the REST API of an ISV's packaging org, built on WireMock and following
 * Salesforce's documentation of the push-upgrade objects: OAuth token endpoint (client-credentials
 * and JWT bearer, with a real RS256 signature check), sessions that can expire (401), SOQL over
 * MetadataPackage, MetadataPackageVersion, PackageSubscriber, PackagePushRequest, PackagePushJob and
 * PackagePushError with {@code nextRecordsUrl} paging, push request creation and scheduling,
 * composite tree (all-or-nothing, per-record errors) and sObject collection inserts of push jobs,
 * jobs that move from Pending to In Progress to Succeeded or Failed over time or on demand (with
 * PackagePushError rows for failures and the subscriber's version updated on success), and
 * injectable faults.
 *
 * <p>Shared by the planner's and the executor's tests through this module's test-jar. The
 * underlying {@link WireMockServer} is exposed for request-journal assertions and for
 * higher-priority hand-written stubs.
 */
public final class SalesforceStub implements AutoCloseable {

    public static final String CLIENT_ID = "3MVG9stub.consumer.key";
    public static final String CLIENT_SECRET = "stub-consumer-secret-5f2b9c";
    public static final String USERNAME = "integration@upshift-packaging.example";
    public static final String API_VERSION = SalesforceConfig.DEFAULT_API_VERSION;

    private static final String TRANSFORMER = "upshift-salesforce-stub";
    private static final Pattern DATA_PATH = Pattern.compile("/services/data/(v\\d+\\.\\d)/(.*)");
    private static final int DEFAULT_PAGE_SIZE = 2000;
    /** Marks the fault that carries the call out before answering 503. */
    private static final ResponseDefinitionBuilder APPLIED_THEN_UNAVAILABLE = aResponse().withStatus(503);

    private final Object lock = new Object();
    private final ObjectMapper json = new ObjectMapper();
    private final StubDatabase db;
    private final KeyPair keyPair;
    private final WireMockServer server;
    private final Set<String> activeTokens = new HashSet<>();
    private final Map<StubRoute, Deque<StubFault>> faults = new EnumMap<>(StubRoute.class);
    private final Map<StubRoute, List<PeriodicFault>> periodicFaults = new EnumMap<>(StubRoute.class);
    private final Map<String, List<JsonNode>> cursors = new HashMap<>();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final AtomicInteger cursorCounter = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int dailyApiRequests = 15_000;
    private int apiRequestsUsed;

    /** A fault answered on every {@code every}-th call of its route, counted from when it was set. */
    private static final class PeriodicFault {
        final StubFault fault;
        final int every;
        int calls;

        PeriodicFault(StubFault fault, int every) {
            this.fault = fault;
            this.every = every;
        }

        boolean strikes() {
            return ++calls % every == 0;
        }
    }

    /** A stub on a free local port with the system clock. */
    public SalesforceStub() {
        this(Clock.systemUTC());
    }

    /** A stub on a free local port whose jobs move along by {@code clock}. */
    public SalesforceStub(Clock clock) {
        this.db = new StubDatabase(clock);
        this.keyPair = rsaKeyPair();
        this.server = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false))
                .extensions(new Transformer()));
        server.start();
        server.stubFor(any(urlPathMatching("/services/.*")).atPriority(100)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    // ------------------------------------------------------------------------------- connecting

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /** A client configuration for the client-credentials flow against this stub, with short timeouts. */
    public SalesforceConfig clientCredentialsConfig() {
        return SalesforceConfig.clientCredentials(URI.create(baseUrl()), CLIENT_ID, CLIENT_SECRET)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A client configuration for the JWT bearer flow against this stub, signed with {@link #privateKeyPem()}. */
    public SalesforceConfig jwtBearerConfig() {
        return SalesforceConfig.jwtBearer(URI.create(baseUrl()), CLIENT_ID, USERNAME, privateKeyPem())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** The PKCS#8 PEM of the key whose certificate the stub's connected app trusts. */
    public String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    // ---------------------------------------------------------------------------------- seeding

    /** Adds a managed package ({@code MetadataPackage}) and returns its 033… id. */
    public String addPackage(String name, String namespacePrefix) {
        synchronized (lock) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Name", name);
            fields.put("NamespacePrefix", namespacePrefix);
            return db.insert(StubSchema.METADATA_PACKAGE, fields);
        }
    }

    /** Adds a released version ("4.2.1") of the package and returns its 04t… id. */
    public String addVersion(String packageId, String number) {
        return addVersion(packageId, number, "Released", false);
    }

    /** Adds a version with the given release state ({@code Released} or {@code Beta}) and deprecation. */
    public String addVersion(String packageId, String number, String releaseState, boolean deprecated) {
        String[] parts = number.split("\\.");
        if (parts.length < 3) {
            throw new IllegalArgumentException("A version is major.minor.patch(.build), was " + number);
        }
        synchronized (lock) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Name", "Version " + number);
            fields.put("MetadataPackageId", packageId);
            fields.put("MajorVersion", Integer.parseInt(parts[0]));
            fields.put("MinorVersion", Integer.parseInt(parts[1]));
            fields.put("PatchVersion", Integer.parseInt(parts[2]));
            fields.put("BuildNumber", parts.length > 3 ? Integer.parseInt(parts[3]) : 1);
            fields.put("ReleaseState", releaseState);
            fields.put("IsDeprecated", deprecated);
            return db.insert(StubSchema.METADATA_PACKAGE_VERSION, fields);
        }
    }

    /** A subscriber to add; see {@link #addSubscriber(Subscriber)}. */
    public record Subscriber(String orgKey, String orgName, String orgType, String orgStatus, String instanceName,
                             String installedStatus, String packageId, String versionId) {

        /** An active production org with the version installed, on NA135. */
        public static Subscriber active(String orgKey, String packageId, String versionId) {
            return new Subscriber(orgKey, "Org " + orgKey, "Production", "Active", "NA135", "i", packageId, versionId);
        }

        public Subscriber withStatus(String status) {
            return new Subscriber(orgKey, orgName, orgType, status, instanceName, installedStatus, packageId, versionId);
        }

        public Subscriber withType(String type) {
            return new Subscriber(orgKey, orgName, type, orgStatus, instanceName, installedStatus, packageId, versionId);
        }

        public Subscriber withInstance(String instance) {
            return new Subscriber(orgKey, orgName, orgType, orgStatus, instance, installedStatus, packageId, versionId);
        }

        public Subscriber withName(String name) {
            return new Subscriber(orgKey, name, orgType, orgStatus, instanceName, installedStatus, packageId, versionId);
        }
    }

    /** Adds a {@code PackageSubscriber} row and returns its id. */
    public String addSubscriber(Subscriber subscriber) {
        synchronized (lock) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("OrgKey", subscriber.orgKey());
            fields.put("OrgName", subscriber.orgName());
            fields.put("OrgType", subscriber.orgType());
            fields.put("OrgStatus", subscriber.orgStatus());
            fields.put("InstanceName", subscriber.instanceName());
            fields.put("InstalledStatus", subscriber.installedStatus());
            fields.put("MetadataPackageId", subscriber.packageId());
            fields.put("MetadataPackageVersionId", subscriber.versionId());
            return db.insert(StubSchema.PACKAGE_SUBSCRIBER, fields);
        }
    }

    /** Adds a {@code PushUpgradeCustomization} row (a subscriber's block on pushes) and returns its id. */
    public String addPushUpgradeCustomization(PushUpgradeCustomization customization) {
        synchronized (lock) {
            return db.insert(StubSchema.PUSH_UPGRADE_CUSTOMIZATION, customization.fields());
        }
    }

    // ----------------------------------------------------------------------------- behaviour

    /** How many records one query page holds (Salesforce: 2,000 by default). */
    public SalesforceStub pageSize(int size) {
        synchronized (lock) {
            this.pageSize = size;
        }
        return this;
    }

    /**
     * How long a scheduled job waits after its start time before it is In Progress, and how long
     * it then runs. Both zero by default: a job finishes at the first look after its start time.
     */
    public SalesforceStub pushTiming(Duration startDelay, Duration runDuration) {
        synchronized (lock) {
            db.startDelay = startDelay;
            db.runDuration = runDuration;
        }
        return this;
    }

    /** Keeps scheduled jobs Pending until {@link #releaseJobs()}, {@link #startJobs(String)} or {@link #finishJobs(String)}. */
    public SalesforceStub holdJobs() {
        synchronized (lock) {
            db.hold = true;
        }
        return this;
    }

    /** Lets held jobs move along with the clock again. */
    public SalesforceStub releaseJobs() {
        synchronized (lock) {
            db.hold = false;
        }
        return this;
    }

    /** Starts the org's scheduled jobs now (null: every org's); they stay In Progress until finished. */
    public void startJobs(String orgKey) {
        synchronized (lock) {
            db.startNow(orgKey);
        }
    }

    /** Finishes the org's scheduled jobs now (null: every org's), with their planned outcome. */
    public boolean finishJobs(String orgKey) {
        synchronized (lock) {
            return db.finishNow(orgKey);
        }
    }

    /** The next push of this org fails with this error (one push per call). */
    public SalesforceStub failNextPush(String orgKey, PushError error) {
        synchronized (lock) {
            db.failNextPush(orgKey, error);
        }
        return this;
    }

    /** Every push to this version fails with this error (a bad release). */
    public SalesforceStub failEveryPushTo(String versionId, PushError error) {
        synchronized (lock) {
            db.failEveryPushTo(versionId, error);
        }
        return this;
    }

    /** A job insert for this org is rejected (composite tree 400 / collection error) with this code and message. */
    public SalesforceStub rejectJobInsert(String orgKey, String statusCode, String message) {
        synchronized (lock) {
            db.rejectJobInsert(orgKey, statusCode, message);
        }
        return this;
    }

    /** Spells the canceled status {@code Cancelled}, as some documents do. */
    public SalesforceStub spellCanceledWithTwoLs() {
        synchronized (lock) {
            db.canceledStatus = "Cancelled";
        }
        return this;
    }

    /** The next {@code times} calls to the route fail with the fault, before anything else happens. */
    public SalesforceStub injectFault(StubRoute route, StubFault fault, int times) {
        synchronized (lock) {
            Deque<StubFault> queue = faults.computeIfAbsent(route, r -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
        return this;
    }

    /**
     * Every {@code every}-th call of the route (counted from now; {@link StubRoute#ANY_DATA}: of any
     * data call) fails with the fault, until {@link #clearFaults()}: an expiring token
     * ({@code SESSION_EXPIRED} every 40 calls), a request limit every 13th call, 503 every 17th …
     */
    public SalesforceStub injectFaultEvery(StubRoute route, StubFault fault, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1");
        }
        synchronized (lock) {
            periodicFaults.computeIfAbsent(route, r -> new ArrayList<>()).add(new PeriodicFault(fault, every));
        }
        return this;
    }

    /** Removes every injected fault, queued and periodic. */
    public SalesforceStub clearFaults() {
        synchronized (lock) {
            faults.clear();
            periodicFaults.clear();
        }
        return this;
    }

    /**
     * The org's {@code DailyApiRequests} maximum (default 15,000). Every authenticated data call but
     * {@code limits} itself counts; once the count reaches the maximum, calls answer
     * {@code REQUEST_LIMIT_EXCEEDED} as Salesforce does.
     */
    public SalesforceStub dailyApiRequests(int max) {
        synchronized (lock) {
            this.dailyApiRequests = max;
        }
        return this;
    }

    /** Counts {@code used} API requests as made already (by other integrations of the org). */
    public SalesforceStub apiRequestsUsed(int used) {
        synchronized (lock) {
            this.apiRequestsUsed = used;
        }
        return this;
    }

    /** The API requests counted so far. */
    public int apiRequestsUsed() {
        synchronized (lock) {
            return apiRequestsUsed;
        }
    }

    /** Revokes every session: the next data call answers 401 until the client logs in again. */
    public void expireSessions() {
        synchronized (lock) {
            activeTokens.clear();
        }
    }

    // ------------------------------------------------------------------------------ inspection

    /** How many pushes of the org have started (a job reached In Progress). */
    public int pushesStarted(String orgKey) {
        synchronized (lock) {
            db.tick();
            return db.pushesStarted(orgKey);
        }
    }

    /** Pushes started per org. */
    public Map<String, Integer> pushesStarted() {
        synchronized (lock) {
            db.tick();
            return db.pushesStarted();
        }
    }

    /** The statuses of the org's push jobs, oldest first. */
    public List<String> jobStatuses(String orgKey) {
        synchronized (lock) {
            db.tick();
            return db.jobsForOrg(orgKey).stream().map(j -> (String) j.get("Status")).toList();
        }
    }

    /** A copy of every record of the type ({@code PackagePushRequest} …), oldest first. */
    public List<Map<String, Object>> records(String type) {
        synchronized (lock) {
            db.tick();
            return db.all(type).stream().map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
        }
    }

    /** The version ("4.2.1") of the package installed in the org, if any. */
    public Optional<String> installedVersion(String orgKey, String packageId) {
        synchronized (lock) {
            db.tick();
            return db.subscriber(orgKey, packageId)
                    .map(s -> db.byId((String) s.get("MetadataPackageVersionId")))
                    .map(StubDatabase::versionNumber);
        }
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ----------------------------------------------------------------------------------- HTTP

    /** Answers every {@code /services/**} call from the stub's state. */
    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            synchronized (lock) {
                try {
                    return handle(request).build();
                } catch (StubApiException e) {
                    return errors(e.status(), e.errorCode(), e.getMessage()).build();
                } catch (IOException | RuntimeException e) {
                    return errors(400, "JSON_PARSER_ERROR", "The request could not be read: " + e.getMessage())
                            .build();
                }
            }
        }
    }

    private ResponseDefinitionBuilder handle(Request request) throws IOException {
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        RequestMethod method = request.getMethod();
        if ("/services/oauth2/token".equals(path) && method.equals(RequestMethod.POST)) {
            Optional<ResponseDefinitionBuilder> fault = fault(StubRoute.TOKEN, null);
            return fault.orElseGet(() -> token(request));
        }
        Matcher data = DATA_PATH.matcher(path);
        if (!data.matches()) {
            throw new StubApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        String version = data.group(1);
        String resource = data.group(2);
        String token = bearer(request);
        StubRoute route = route(method, resource);
        Optional<ResponseDefinitionBuilder> fault = fault(route, token);
        if (fault.isPresent() && fault.get() != APPLIED_THEN_UNAVAILABLE) {
            return fault.get();
        }
        if (token == null || !activeTokens.contains(token)) {
            return errors(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        if (fault.isPresent()) {
            handleData(route, version, resource, uri, request);
            return serviceUnavailable();
        }
        return handleData(route, version, resource, uri, request);
    }

    private ResponseDefinitionBuilder handleData(StubRoute route, String version, String resource, URI uri,
                                                 Request request) throws IOException {
        if (route == StubRoute.LIMITS) {
            return limits();
        }
        if (apiRequestsUsed >= dailyApiRequests) {
            return errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        apiRequestsUsed++;
        db.tick();
        return switch (route) {
            case QUERY -> query(version, resource, uri);
            case CREATE -> create(resource.substring("sobjects/".length()), request);
            case UPDATE -> update(resource.substring("sobjects/".length()), request);
            case COMPOSITE_TREE -> tree(version, resource.substring("composite/tree/".length()), request);
            case COMPOSITE_SOBJECTS -> collection(request);
            default -> throw new StubApiException(404, "NOT_FOUND", "The requested resource does not exist");
        };
    }

    private StubRoute route(RequestMethod method, String resource) {
        if (method.equals(RequestMethod.GET) && (resource.equals("query") || resource.startsWith("query/"))) {
            return StubRoute.QUERY;
        }
        if (method.equals(RequestMethod.POST) && resource.matches("sobjects/\\w+")) {
            return StubRoute.CREATE;
        }
        if (method.equals(RequestMethod.PATCH) && resource.matches("sobjects/\\w+/\\w+")) {
            return StubRoute.UPDATE;
        }
        if (method.equals(RequestMethod.POST) && resource.matches("composite/tree/\\w+")) {
            return StubRoute.COMPOSITE_TREE;
        }
        if (method.equals(RequestMethod.POST) && resource.equals("composite/sobjects")) {
            return StubRoute.COMPOSITE_SOBJECTS;
        }
        if (method.equals(RequestMethod.GET) && resource.equals("limits")) {
            return StubRoute.LIMITS;
        }
        return StubRoute.ANY_DATA;
    }

    private Optional<ResponseDefinitionBuilder> fault(StubRoute route, String token) {
        Deque<StubFault> queue = faults.get(route);
        StubFault fault = queue == null ? null : queue.poll();
        if (fault == null && route != StubRoute.TOKEN) {
            Deque<StubFault> anyQueue = faults.get(StubRoute.ANY_DATA);
            fault = anyQueue == null ? null : anyQueue.poll();
        }
        if (fault == null) {
            fault = periodicFault(route);
        }
        if (fault == null) {
            return Optional.empty();
        }
        return Optional.of(switch (fault) {
            case REQUEST_LIMIT_EXCEEDED -> errors(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            case SERVER_ERROR -> errors(500, "UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-8901"
                            + " (-123456789)");
            case SERVICE_UNAVAILABLE -> serviceUnavailable();
            case UNAVAILABLE_AFTER_APPLYING -> APPLIED_THEN_UNAVAILABLE;
            case SESSION_EXPIRED -> {
                if (token != null) {
                    activeTokens.remove(token);
                }
                yield errors(401, "INVALID_SESSION_ID", "Session expired or invalid");
            }
            case SOMETHING_BAD_HAS_HAPPENED -> {
                ObjectNode body = json.createObjectNode().put("hasErrors", true);
                ObjectNode result = body.putArray("results").addObject().put("referenceId", "unknown");
                result.putArray("errors").addObject().put("statusCode", "UNKNOWN_EXCEPTION")
                        .put("message", "Something bad has happened. Please try again.").putArray("fields");
                yield jsonResponse(400, body);
            }
        });
    }

    private static ResponseDefinitionBuilder serviceUnavailable() {
        return aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service Unavailable: down for maintenance</body></html>");
    }

    private StubFault periodicFault(StubRoute route) {
        StubFault fault = null;
        for (StubRoute counted : route == StubRoute.TOKEN ? List.of(route) : List.of(route, StubRoute.ANY_DATA)) {
            for (PeriodicFault periodic : periodicFaults.getOrDefault(counted, List.of())) {
                if (periodic.strikes() && fault == null) {
                    fault = periodic.fault;
                }
            }
        }
        return fault;
    }

    /** {@code GET limits}: the daily API request allowance and what is left of it. */
    private ResponseDefinitionBuilder limits() {
        ObjectNode body = json.createObjectNode();
        body.putObject("DailyApiRequests").put("Max", dailyApiRequests)
                .put("Remaining", Math.max(0, dailyApiRequests - apiRequestsUsed));
        return jsonResponse(200, body);
    }

    // ---------------------------------------------------------------------------------- OAuth

    private ResponseDefinitionBuilder token(Request request) {
        Map<String, String> form = form(request.getBodyAsString());
        String grant = form.getOrDefault("grant_type", "");
        if ("client_credentials".equals(grant)) {
            if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
                return oauthError("invalid_client", "invalid client credentials");
            }
        } else if ("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(grant)) {
            Optional<String> problem = jwtProblem(form.getOrDefault("assertion", ""));
            if (problem.isPresent()) {
                return oauthError("invalid_grant", problem.get());
            }
        } else {
            return oauthError("unsupported_grant_type", "grant type not supported");
        }
        String token = "00DSTUB000000000001!AQ" + "stub" + tokenCounter.incrementAndGet() + "x"
                + Long.toHexString(Double.doubleToLongBits(Math.random()));
        activeTokens.add(token);
        logins.incrementAndGet();
        ObjectNode body = json.createObjectNode()
                .put("access_token", token)
                .put("instance_url", baseUrl())
                .put("id", baseUrl() + "/id/00DSTUB000000000001/005STUB00000000001")
                .put("token_type", "Bearer")
                .put("issued_at", String.valueOf(db.now().toEpochMilli()))
                .put("signature", "stub-signature");
        return jsonResponse(200, body);
    }

    /** Checks the assertion as Salesforce does: RS256 signature by the trusted key, iss, sub, aud, exp. */
    private Optional<String> jwtProblem(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return Optional.of("invalid assertion");
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.of("invalid assertion: alg must be RS256");
            }
            if (!verify(keyPair.getPublic(), parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.of("invalid assertion: signature");
            }
            if (!CLIENT_ID.equals(claims.path("iss").asText())) {
                return Optional.of("invalid client_id");
            }
            if (!USERNAME.equals(claims.path("sub").asText())) {
                return Optional.of("user hasn't approved this consumer");
            }
            String aud = claims.path("aud").asText();
            if (!stripSlash(aud).equals(stripSlash(baseUrl()))) {
                return Optional.of("audience is invalid");
            }
            long exp = claims.path("exp").asLong(0);
            if (exp <= db.now().getEpochSecond()) {
                return Optional.of("expired authorization code");
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("invalid assertion");
        }
    }

    private static boolean verify(PublicKey key, String signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private ResponseDefinitionBuilder oauthError(String error, String description) {
        return jsonResponse(400, json.createObjectNode().put("error", error).put("error_description", description));
    }

    // ---------------------------------------------------------------------------------- query

    private ResponseDefinitionBuilder query(String version, String resource, URI uri) {
        if (resource.startsWith("query/")) {
            String locator = resource.substring("query/".length());
            int dash = locator.lastIndexOf('-');
            List<JsonNode> rows = dash < 0 ? null : cursors.get(locator.substring(0, dash));
            if (rows == null) {
                throw new StubApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
            }
            int offset = Integer.parseInt(locator.substring(dash + 1));
            return page(version, locator.substring(0, dash), rows, offset);
        }
        String soql = queryParameter(uri, "q");
        if (soql == null) {
            throw StubApiException.malformedQuery("A query needs the q parameter");
        }
        StubSoql.Query query = StubSoql.parse(soql);
        List<Map<String, Object>> matched = query.run(db);
        if (query.count()) {
            ObjectNode body = json.createObjectNode().put("totalSize", matched.size()).put("done", true);
            body.putArray("records");
            return jsonResponse(200, body);
        }
        List<JsonNode> rows = new ArrayList<>();
        for (Map<String, Object> record : matched) {
            rows.add(render(version, query, record));
        }
        String cursor = "01gSTUB" + cursorCounter.incrementAndGet();
        if (rows.size() > pageSize) {
            cursors.put(cursor, rows);
        }
        return page(version, cursor, rows, 0);
    }

    private ResponseDefinitionBuilder page(String version, String cursor, List<JsonNode> rows, int offset) {
        int end = Math.min(rows.size(), offset + pageSize);
        ObjectNode body = json.createObjectNode().put("totalSize", rows.size());
        boolean done = end >= rows.size();
        body.put("done", done);
        if (!done) {
            body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + cursor + "-" + end);
        } else {
            cursors.remove(cursor);
        }
        ArrayNode records = body.putArray("records");
        rows.subList(Math.min(offset, rows.size()), end).forEach(records::add);
        return jsonResponse(200, body);
    }

    private ObjectNode render(String version, StubSoql.Query query, Map<String, Object> record) {
        ObjectNode node = json.createObjectNode();
        node.set("attributes", attributes(version, query.type().name(), (String) record.get("Id")));
        for (StubSoql.FieldPath field : query.select()) {
            if (field.relationship() == null) {
                put(node, field.field(), record.get(field.field()));
            } else {
                String relationship = field.relationship().name();
                Object parentId = record.get(field.relationship().field());
                Map<String, Object> parent = parentId == null ? null : db.byId(parentId.toString());
                if (parent == null) {
                    node.putNull(relationship);
                    continue;
                }
                ObjectNode nested = node.has(relationship) && node.get(relationship).isObject()
                        ? (ObjectNode) node.get(relationship) : null;
                if (nested == null) {
                    nested = node.putObject(relationship);
                    nested.set("attributes", attributes(version, field.relationship().target(), parentId.toString()));
                }
                put(nested, field.field(), parent.get(field.field()));
            }
        }
        return node;
    }

    private ObjectNode attributes(String version, String type, String id) {
        return json.createObjectNode().put("type", type).put("url", "/services/data/" + version + "/sobjects/"
                + type + "/" + id);
    }

    private static void put(ObjectNode node, String field, Object value) {
        switch (value) {
            case null -> node.putNull(field);
            case Instant instant -> node.put(field,
                    StubSoql.SALESFORCE_OFFSET.withZone(ZoneOffset.UTC).format(instant));
            case Integer i -> node.put(field, i);
            case Long l -> node.put(field, l);
            case BigDecimal d -> node.put(field, d);
            case Boolean b -> node.put(field, b);
            default -> node.put(field, value.toString());
        }
    }

    // ------------------------------------------------------------------------------ sObjects

    private ResponseDefinitionBuilder create(String type, Request request) throws IOException {
        Map<String, Object> fields = fields(json.readTree(request.getBodyAsString()));
        String id;
        if (StubSchema.PACKAGE_PUSH_REQUEST.equalsIgnoreCase(type)) {
            id = db.createPushRequest(fields);
        } else if (StubSchema.PACKAGE_PUSH_JOB.equalsIgnoreCase(type)) {
            List<StubDatabase.RecordError> errors = db.validateJob(fields, new HashSet<>());
            if (!errors.isEmpty()) {
                StubDatabase.RecordError e = errors.getFirst();
                throw new StubApiException(400, e.statusCode(), e.message());
            }
            id = db.insertJob(fields);
        } else if (StubSchema.type(type).isPresent()) {
            throw new StubApiException(400, "INVALID_TYPE_FOR_OPERATION", "entity type " + type
                    + " does not support insert");
        } else {
            throw new StubApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        ObjectNode body = json.createObjectNode().put("id", id).put("success", true);
        body.putArray("errors");
        body.putArray("warnings");
        body.putArray("infos");
        return jsonResponse(201, body);
    }

    private ResponseDefinitionBuilder update(String resource, Request request) throws IOException {
        String[] parts = resource.split("/");
        if (!StubSchema.PACKAGE_PUSH_REQUEST.equalsIgnoreCase(parts[0])) {
            throw new StubApiException(400, "INVALID_TYPE_FOR_OPERATION", "entity type " + parts[0]
                    + " does not support update");
        }
        db.updatePushRequest(parts[1], fields(json.readTree(request.getBodyAsString())));
        return aResponse().withStatus(204);
    }

    // ----------------------------------------------------------------------------- composite

    private ResponseDefinitionBuilder tree(String version, String type, Request request) throws IOException {
        if (!StubSchema.PACKAGE_PUSH_JOB.equalsIgnoreCase(type)) {
            throw new StubApiException(400, "INVALID_TYPE_FOR_OPERATION", "The stub inserts trees of PackagePushJob only");
        }
        JsonNode records = json.readTree(request.getBodyAsString()).path("records");
        if (!records.isArray() || records.isEmpty()) {
            throw new StubApiException(400, "JSON_PARSER_ERROR", "The request must contain records");
        }
        if (records.size() > 200) {
            throw new StubApiException(400, "EXCEEDED_MAX_SIZE_REQUEST",
                    "Your request exceeds the maximum of 200 records");
        }
        Map<String, List<StubDatabase.RecordError>> rejected = new LinkedHashMap<>();
        Set<String> referenceIds = new HashSet<>();
        Set<String> batchOrgs = new HashSet<>();
        List<Map<String, Object>> accepted = new ArrayList<>();
        List<String> acceptedRefs = new ArrayList<>();
        for (JsonNode record : records) {
            String referenceId = record.path("attributes").path("referenceId").asText("");
            String recordType = record.path("attributes").path("type").asText("");
            List<StubDatabase.RecordError> errors = new ArrayList<>();
            if (!referenceId.matches("[A-Za-z0-9][A-Za-z0-9_]*")) {
                errors.add(new StubDatabase.RecordError("INVALID_INPUT", "Invalid reference specified. Reference"
                        + " IDs must start with an alphanumeric character and contain only letters, numbers,"
                        + " or underscores.", List.of()));
            } else if (!referenceIds.add(referenceId)) {
                errors.add(new StubDatabase.RecordError("INVALID_INPUT", "Duplicate ReferenceId provided in the"
                        + " request", List.of()));
            } else if (!type.equalsIgnoreCase(recordType)) {
                errors.add(new StubDatabase.RecordError("INVALID_INPUT", "The record type must be " + type,
                        List.of()));
            } else {
                Map<String, Object> fields = fields(record);
                errors.addAll(db.validateJob(fields, batchOrgs));
                accepted.add(fields);
                acceptedRefs.add(referenceId);
            }
            if (!errors.isEmpty()) {
                rejected.put(referenceId, errors);
            }
        }
        ObjectNode body = json.createObjectNode().put("hasErrors", !rejected.isEmpty());
        ArrayNode results = body.putArray("results");
        if (!rejected.isEmpty()) {
            rejected.forEach((referenceId, errors) -> {
                ObjectNode result = results.addObject().put("referenceId", referenceId);
                ArrayNode array = result.putArray("errors");
                errors.forEach(e -> {
                    ObjectNode error = array.addObject().put("statusCode", e.statusCode()).put("message", e.message());
                    ArrayNode fields = error.putArray("fields");
                    e.fields().forEach(fields::add);
                });
            });
            return jsonResponse(400, body);
        }
        for (int i = 0; i < accepted.size(); i++) {
            results.addObject().put("referenceId", acceptedRefs.get(i)).put("id", db.insertJob(accepted.get(i)));
        }
        return jsonResponse(201, body);
    }

    private ResponseDefinitionBuilder collection(Request request) throws IOException {
        JsonNode body = json.readTree(request.getBodyAsString());
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        JsonNode records = body.path("records");
        if (!records.isArray() || records.isEmpty() || records.size() > 200) {
            throw new StubApiException(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200"
                    + " records into this call");
        }
        Set<String> batchOrgs = new HashSet<>();
        List<List<StubDatabase.RecordError>> errors = new ArrayList<>();
        List<Map<String, Object>> fieldsList = new ArrayList<>();
        for (JsonNode record : records) {
            String recordType = record.path("attributes").path("type").asText("");
            Map<String, Object> fields = fields(record);
            fieldsList.add(fields);
            if (!StubSchema.PACKAGE_PUSH_JOB.equalsIgnoreCase(recordType)) {
                errors.add(List.of(new StubDatabase.RecordError("INVALID_TYPE_FOR_OPERATION",
                        "The stub inserts PackagePushJob records only", List.of())));
            } else {
                errors.add(db.validateJob(fields, batchOrgs));
            }
        }
        boolean anyError = errors.stream().anyMatch(e -> !e.isEmpty());
        ArrayNode results = json.createArrayNode();
        for (int i = 0; i < fieldsList.size(); i++) {
            ObjectNode result = results.addObject();
            List<StubDatabase.RecordError> recordErrors = errors.get(i);
            if (allOrNone && anyError && recordErrors.isEmpty()) {
                recordErrors = List.of(new StubDatabase.RecordError("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        "Record rolled back because not all records were valid and the request was using AllOrNone"
                                + " header", List.of()));
            }
            if (recordErrors.isEmpty()) {
                result.put("id", db.insertJob(fieldsList.get(i))).put("success", true).putArray("errors");
            } else {
                result.put("success", false);
                ArrayNode array = result.putArray("errors");
                recordErrors.forEach(e -> {
                    ObjectNode error = array.addObject().put("statusCode", e.statusCode()).put("message", e.message());
                    ArrayNode fields = error.putArray("fields");
                    e.fields().forEach(fields::add);
                });
            }
        }
        return jsonResponse(200, results);
    }

    // -------------------------------------------------------------------------------- helpers

    private Map<String, Object> fields(JsonNode record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.properties().forEach(e -> {
            if ("attributes".equals(e.getKey())) {
                return;
            }
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isBoolean() ? (Object) v.asBoolean() : v.isInt() ? (Object) v.asInt()
                    : v.isNumber() ? v.decimalValue() : v.isTextual() ? v.asText() : v.toString();
            fields.put(e.getKey(), value);
        });
        return fields;
    }

    private ResponseDefinitionBuilder errors(int status, String code, String message) {
        ArrayNode body = json.createArrayNode();
        body.addObject().put("message", message).put("errorCode", code).putArray("fields");
        return jsonResponse(status, body);
    }

    private ResponseDefinitionBuilder jsonResponse(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody(body.toString());
    }

    private static String bearer(Request request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    private static String queryParameter(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SalesforceStub[" + baseUrl() + "]";
    }

    /** Ids of the records of a type, for assertions. */
    public Set<String> ids(String type) {
        synchronized (lock) {
            Set<String> ids = new LinkedHashSet<>();
            db.all(type).forEach(r -> ids.add((String) r.get("Id")));
            return ids;
        }
    }
}
