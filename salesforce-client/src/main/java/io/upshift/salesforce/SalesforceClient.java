package io.upshift.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Salesforce REST client of Upshift (planner and executor): logs in, runs SOQL with
 * paging, creates and updates sObjects, and inserts records through the composite tree and
 * sObject collections endpoints.
 *
 * <p>Every call is asynchronous ({@link HttpClient#sendAsync}), so a caller can keep many in
 * flight without a thread each. A session that expires (HTTP 401) is replaced by one new login and
 * the call is retried once. Failures complete the future with a {@link SalesforceException} whose
 * category says whether to back off and retry ({@code REQUEST_LIMIT_EXCEEDED}, 5xx,
 * {@code UNKNOWN_EXCEPTION}) or to stop ({@code MALFORMED_QUERY}, {@code INVALID_FIELD}, other 4xx;
 * those are also logged as errors). This client itself never retries anything but the 401: the
 * caller owns its retry policy.
 *
 * <p>Dependent stages of the returned futures may run on the client's HTTP threads; callers that
 * block must continue with an {@code *Async} stage on their own executor.
 */
public final class SalesforceClient implements AutoCloseable {

    /** The most records the composite tree and sObject collections endpoints take in one request. */
    public static final int MAX_RECORDS_PER_REQUEST = 200;

    private static final Logger log = LoggerFactory.getLogger(SalesforceClient.class);

    private final SalesforceConfig config;
    private final HttpClient http;
    private final ExecutorService ownedExecutor;
    private final ObjectMapper json;
    private final OAuthSession session;

    /** A client with its own HTTP client (a few daemon threads) and the system clock for JWT expiry. */
    public SalesforceClient(SalesforceConfig config) {
        this(config, Clock.systemUTC());
    }

    public SalesforceClient(SalesforceConfig config, Clock clock) {
        this(config, clock, null);
    }

    /**
     * @param http the HTTP client to use, or {@code null} to create one with a small fixed pool of
     *        daemon threads (closed by {@link #close()})
     */
    public SalesforceClient(SalesforceConfig config, Clock clock, HttpClient http) {
        this.config = config;
        if (http == null) {
            this.ownedExecutor = Executors.newFixedThreadPool(4, daemonThreads());
            boolean tls = "https".equalsIgnoreCase(config.loginUrl().getScheme());
            this.http = HttpClient.newBuilder()
                    .connectTimeout(config.connectTimeout())
                    // HTTP/2 multiplexes many calls over one TLS connection; without TLS plain HTTP/1.1
                    // avoids the h2c upgrade dance that local stubs do not all speak.
                    .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(ownedExecutor)
                    .build();
        } else {
            this.ownedExecutor = null;
            this.http = http;
        }
        this.json = objectMapper();
        this.session = new OAuthSession(config, this.http, json, clock);
    }

    public SalesforceConfig config() {
        return config;
    }

    // ---------------------------------------------------------------------------------------- SOQL

    /**
     * Runs a SOQL query and returns its records as a lazy stream: the next page is fetched only
     * when the stream reaches it, following {@code nextRecordsUrl} until {@code done}, so a result
     * of a million rows never sits in memory at once. Blocks the consuming thread while a page loads.
     *
     * @throws SalesforceException when a page cannot be fetched
     */
    public Stream<JsonNode> query(String soql) {
        Iterator<JsonNode> records = new PagingIterator(soql);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** {@link #query(String)} with each record mapped to {@code type} (unknown fields ignored). */
    public <T> Stream<T> query(String soql, Class<T> type) {
        return query(soql).map(record -> convert(record, type));
    }

    /** The first page of a SOQL query. */
    public CompletableFuture<QueryPage> queryPage(String soql) {
        String encoded = URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20");
        return call("query", "GET", dataUrl("query?q=" + encoded), null)
                .thenApply(response -> toPage(response.body()))
                .exceptionallyCompose(failure -> failed(withQuery(failure, soql)));
    }

    /** The page a previous page's {@code nextRecordsUrl} points to. */
    public CompletableFuture<QueryPage> nextPage(String nextRecordsUrl) {
        if (nextRecordsUrl == null || !nextRecordsUrl.startsWith("/services/data/")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "nextRecordsUrl must be a /services/data/ path, was " + nextRecordsUrl));
        }
        return call("query more", "GET", base -> URI.create(base + nextRecordsUrl), null)
                .thenApply(response -> toPage(response.body()));
    }

    /**
     * All records of a SOQL query, every page fetched asynchronously one after the other. Meant for
     * results known to be small (the jobs of a few push requests); use {@link #query(String)} for
     * large ones.
     */
    public CompletableFuture<List<JsonNode>> queryAll(String soql) {
        List<JsonNode> all = new ArrayList<>();
        return queryPage(soql).thenCompose(page -> collect(page, all));
    }

    private CompletableFuture<List<JsonNode>> collect(QueryPage page, List<JsonNode> all) {
        all.addAll(page.records());
        if (page.done()) {
            return CompletableFuture.completedFuture(all);
        }
        return nextPage(page.nextRecordsUrl()).thenCompose(next -> collect(next, all));
    }

    /**
     * The org's limits ({@code GET limits}): one object per limit with {@code Max} and
     * {@code Remaining}, e.g. {@code DailyApiRequests}.
     */
    public CompletableFuture<JsonNode> limits() {
        return call("limits", "GET", dataUrl("limits"), null).thenApply(response -> read(response.body()));
    }

    /** Maps a record (or any JSON) to a type; unknown properties such as {@code attributes} are ignored. */
    public <T> T convert(JsonNode node, Class<T> type) {
        return json.convertValue(node, type);
    }

    // -------------------------------------------------------------------------------------- sObjects

    /** Creates one record ({@code POST sobjects/{type}}) and completes with its id. */
    public CompletableFuture<String> create(String type, Map<String, ?> fields) {
        String body = write(fields);
        return call("create " + type, "POST", dataUrl("sobjects/" + type), body)
                .thenApply(response -> {
                    JsonNode result = read(response.body());
                    if (!result.path("success").asBoolean(false) || !result.hasNonNull("id")) {
                        throw new SalesforceException(SalesforceException.Category.INVALID_REQUEST,
                                response.statusCode(), "CREATE_FAILED", "create " + type + " did not succeed: "
                                + response.body());
                    }
                    return result.get("id").asText();
                });
    }

    /** Updates fields of one record ({@code PATCH sobjects/{type}/{id}}, answered 204). */
    public CompletableFuture<Void> update(String type, String id, Map<String, ?> fields) {
        return call("update " + type, "PATCH", dataUrl("sobjects/" + type + "/" + id), write(fields))
                .thenApply(response -> null);
    }

    // ------------------------------------------------------------------------------------- composite

    /**
     * One composite tree insert ({@code POST composite/tree/{type}}), which is all-or-nothing: when
     * Salesforce rejects some records (HTTP 400 with per-record errors) nothing is inserted and the
     * result lists the rejected referenceIds with their errors. An internal error of Salesforce's
     * ({@code UNKNOWN_EXCEPTION}, "Something bad has happened") fails the future with a transient
     * {@link SalesforceException}: the whole batch should be tried again later.
     */
    public CompletableFuture<TreeInsertResult> insertTree(String type, List<TreeRecord> records) {
        checkBatch(records.size());
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("records");
        Set<String> referenceIds = new LinkedHashSet<>();
        for (TreeRecord record : records) {
            if (!referenceIds.add(record.referenceId())) {
                throw new IllegalArgumentException("Duplicate referenceId " + record.referenceId());
            }
            ObjectNode node = json.valueToTree(record.fields());
            ObjectNode attributes = json.createObjectNode().put("type", type).put("referenceId", record.referenceId());
            ObjectNode ordered = json.createObjectNode();
            ordered.set("attributes", attributes);
            ordered.setAll(node);
            array.add(ordered);
        }
        String operation = "composite tree insert of " + records.size() + " " + type;
        return call(operation, "POST", dataUrl("composite/tree/" + type), write(body), true)
                .thenApply(response -> toTreeResult(operation, response));
    }

    /**
     * Inserts what Salesforce accepts of a batch through the composite tree endpoint: when some
     * records are rejected, drops them and inserts the rest, as often as needed (each round drops
     * at least one record, so it ends). Completes with the ids of the inserted records and the
     * errors of every rejected one.
     */
    public CompletableFuture<TreeInsertResult> insertTreeSkippingRejected(String type, List<TreeRecord> records) {
        return insertRound(type, List.copyOf(records), new LinkedHashMap<>());
    }

    private CompletableFuture<TreeInsertResult> insertRound(String type, List<TreeRecord> remaining,
                                                            Map<String, List<ApiError>> rejected) {
        if (remaining.isEmpty()) {
            return CompletableFuture.completedFuture(new TreeInsertResult(Map.of(), rejected));
        }
        return insertTree(type, remaining).thenCompose(result -> {
            if (!result.hasRejections()) {
                return CompletableFuture.completedFuture(new TreeInsertResult(result.insertedIds(), rejected));
            }
            rejected.putAll(result.rejected());
            List<TreeRecord> rest = remaining.stream()
                    .filter(record -> !result.rejected().containsKey(record.referenceId())).toList();
            log.info("Salesforce rejected {} of {} {} records; inserting the other {}", result.rejected().size(),
                    remaining.size(), type, rest.size());
            return insertRound(type, rest, rejected);
        });
    }

    /**
     * Creates up to 200 records through sObject collections ({@code POST composite/sobjects},
     * {@code allOrNone=false}): each record succeeds or fails on its own; results come in the
     * order of the records.
     */
    public CompletableFuture<List<SaveResult>> createCollection(String type, List<? extends Map<String, ?>> records) {
        checkBatch(records.size());
        ObjectNode body = json.createObjectNode().put("allOrNone", false);
        ArrayNode array = body.putArray("records");
        for (Map<String, ?> record : records) {
            ObjectNode ordered = json.createObjectNode();
            ordered.set("attributes", json.createObjectNode().put("type", type));
            ordered.setAll((ObjectNode) json.valueToTree(record));
            array.add(ordered);
        }
        return call("sObject collection create of " + records.size() + " " + type, "POST",
                dataUrl("composite/sobjects"), write(body))
                .thenApply(response -> {
                    List<SaveResult> results = new ArrayList<>();
                    for (JsonNode r : read(response.body())) {
                        List<ApiError> errors = new ArrayList<>();
                        r.path("errors").forEach(e -> errors.add(Failures.toError(e)));
                        results.add(new SaveResult(r.path("id").asText(null), r.path("success").asBoolean(false),
                                errors));
                    }
                    if (results.size() != records.size()) {
                        throw new SalesforceException(SalesforceException.Category.INVALID_REQUEST,
                                response.statusCode(), "UNEXPECTED_RESPONSE", "sObject collections answered "
                                + results.size() + " results for " + records.size() + " records");
                    }
                    return results;
                });
    }

    // -------------------------------------------------------------------------------------- plumbing

    private interface UrlFor {
        URI at(String instanceBase);
    }

    private UrlFor dataUrl(String pathAndQuery) {
        return base -> URI.create(base + "/services/data/" + config.apiVersion() + "/" + pathAndQuery);
    }

    private CompletableFuture<HttpResponse<String>> call(String operation, String method, UrlFor url, String body) {
        return call(operation, method, url, body, false);
    }

    /**
     * Sends one call with the current session; on 401 logs in again and sends it once more.
     * Non-2xx answers become a {@link SalesforceException}, except a composite tree 400 when
     * {@code treeErrorsAreResults} (its per-record errors are a result, not a failure).
     */
    private CompletableFuture<HttpResponse<String>> call(String operation, String method, UrlFor url, String body,
                                                         boolean treeErrorsAreResults) {
        return session.token()
                .thenCompose(token -> send(operation, method, url, body, token)
                        .thenCompose(response -> {
                            if (response.statusCode() != 401) {
                                return CompletableFuture.completedFuture(response);
                            }
                            return session.refresh(token)
                                    .thenCompose(fresh -> send(operation, method, url, body, fresh));
                        }))
                .thenApply(response -> {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300 || treeErrorsAreResults && status == 400
                            && response.body() != null && response.body().contains("\"hasErrors\"")) {
                        return response;
                    }
                    throw failure(operation, response);
                });
    }

    private CompletableFuture<HttpResponse<String>> send(String operation, String method, UrlFor url, String body,
                                                         AccessToken token) {
        String base = OAuthSession.stripTrailingSlash(token.instanceUrl().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(url.at(base))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long started = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        SalesforceException e = Failures.fromIo(operation, failure);
                        log.warn("Salesforce {} failed without an answer: {}", operation, e.getMessage());
                        throw e;
                    }
                    if (log.isDebugEnabled()) {
                        log.debug("Salesforce {} answered {} in {} ms", operation, response.statusCode(),
                                (System.nanoTime() - started) / 1_000_000);
                    }
                    return response;
                });
    }

    private SalesforceException failure(String operation, HttpResponse<String> response) {
        SalesforceException e = Failures.fromResponse(operation, response.statusCode(), response.body(), json);
        if (e.category() == SalesforceException.Category.INVALID_REQUEST) {
            // A rejected request is a bug in the caller or bad data: say so loudly, once, here.
            log.error("Salesforce rejected {}: {}", operation, e.getMessage());
        } else {
            log.warn("Salesforce {} failed ({}): {}", operation, e.category(), e.getMessage());
        }
        return e;
    }

    private TreeInsertResult toTreeResult(String operation, HttpResponse<String> response) {
        JsonNode body = read(response.body());
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, List<ApiError>> rejected = new LinkedHashMap<>();
        for (JsonNode result : body.path("results")) {
            String referenceId = result.path("referenceId").asText();
            List<ApiError> errors = new ArrayList<>();
            result.path("errors").forEach(e -> errors.add(Failures.toError(e)));
            if (!errors.isEmpty()) {
                rejected.put(referenceId, errors);
            } else if (result.hasNonNull("id")) {
                ids.put(referenceId, result.get("id").asText());
            }
        }
        boolean hasErrors = body.path("hasErrors").asBoolean(false);
        if (!hasErrors) {
            return new TreeInsertResult(ids, Map.of());
        }
        List<ApiError> all = rejected.values().stream().flatMap(List::stream).toList();
        if (rejected.isEmpty() || all.stream().anyMatch(Failures::isInternalError)) {
            // "Something bad has happened": Salesforce failed, not the records. Retry the batch later.
            throw new SalesforceException(SalesforceException.Category.TRANSIENT, response.statusCode(),
                    "UNKNOWN_EXCEPTION", operation + " failed inside Salesforce: " + all, all, null);
        }
        return new TreeInsertResult(Map.of(), rejected);
    }

    private QueryPage toPage(String body) {
        JsonNode node = read(body);
        List<JsonNode> records = new ArrayList<>();
        node.path("records").forEach(records::add);
        boolean done = node.path("done").asBoolean(true);
        return new QueryPage(node.path("totalSize").asLong(records.size()), done,
                done ? null : node.path("nextRecordsUrl").asText(null), records);
    }

    private static Throwable withQuery(Throwable failure, String soql) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof SalesforceException e && e.category() == SalesforceException.Category.INVALID_REQUEST) {
            log.error("The rejected SOQL was: {}", soql);
        }
        return cause;
    }

    private static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    private void checkBatch(int size) {
        if (size == 0 || size > MAX_RECORDS_PER_REQUEST) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_RECORDS_PER_REQUEST + " records, was " + size);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON", e);
        }
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new SalesforceException(SalesforceException.Category.TRANSIENT, 0, "EMPTY_RESPONSE",
                        "Salesforce answered with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new SalesforceException(SalesforceException.Category.TRANSIENT, 0, "UNREADABLE_RESPONSE",
                    "Salesforce answered with a body that is not JSON", List.of(), e);
        }
    }

    /** Jackson 2 set up for Salesforce: datetimes as {@code 2024-05-01T10:00:00.000Z}, unknown fields ignored. */
    static ObjectMapper objectMapper() {
        SimpleModule salesforce = new SimpleModule("salesforce");
        salesforce.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(Soql.datetime(value));
            }
        });
        return new ObjectMapper()
                .registerModule(salesforce)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "salesforce-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (ownedExecutor != null) {
            http.close();
            ownedExecutor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "SalesforceClient[" + config + "]";
    }

    /** Walks the pages of one query lazily, fetching the next only when the current one is used up. */
    private final class PagingIterator implements Iterator<JsonNode> {

        private final String soql;
        private QueryPage page;
        private Iterator<JsonNode> records;

        PagingIterator(String soql) {
            this.soql = soql;
        }

        @Override
        public boolean hasNext() {
            if (page == null) {
                load(queryPage(soql));
            }
            while (!records.hasNext() && !page.done()) {
                load(nextPage(page.nextRecordsUrl()));
            }
            return records.hasNext();
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return records.next();
        }

        private void load(CompletableFuture<QueryPage> next) {
            try {
                page = next.join();
            } catch (CompletionException e) {
                Throwable cause = Failures.unwrap(e);
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw e;
            }
            records = page.records().iterator();
        }
    }
}
