package io.upshift.salesforce.stub;

import static io.upshift.salesforce.stub.StubSchema.METADATA_PACKAGE;
import static io.upshift.salesforce.stub.StubSchema.METADATA_PACKAGE_VERSION;
import static io.upshift.salesforce.stub.StubSchema.PACKAGE_PUSH_ERROR;
import static io.upshift.salesforce.stub.StubSchema.PACKAGE_PUSH_JOB;
import static io.upshift.salesforce.stub.StubSchema.PACKAGE_PUSH_REQUEST;
import static io.upshift.salesforce.stub.StubSchema.PACKAGE_SUBSCRIBER;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stub's packaging org: its records and the life of a push (request created, jobs inserted,
 * scheduled, started, finished with errors written). Not thread-safe: {@link SalesforceStub}
 * serialises every call.
 */
final class StubDatabase implements StubSoql.Records {

    static final String CREATED = "Created";
    static final String PENDING = "Pending";
    static final String IN_PROGRESS = "In Progress";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    /** One field error of a record that cannot be saved. */
    record RecordError(String statusCode, String message, List<String> fields) {
    }

    /** When a scheduled job starts and ends, and how. */
    private static final class JobPlan {
        Instant startAt;
        Instant finishAt;
        PushError failure;
    }

    private final Clock clock;
    private final Map<String, LinkedHashMap<String, Map<String, Object>>> tables = new HashMap<>();
    private final Map<String, Map<String, Object>> byId = new HashMap<>();
    private final Map<String, Integer> idCounters = new HashMap<>();
    private final Map<String, JobPlan> plans = new LinkedHashMap<>();
    private final Map<String, Deque<PushError>> orgFailures = new HashMap<>();
    private final Map<String, PushError> versionFailures = new HashMap<>();
    private final Map<String, RecordError> insertRejections = new HashMap<>();
    private final Map<String, Integer> pushesStarted = new HashMap<>();
    // Indexes, so a stub holding tens of thousands of orgs and jobs stays fast.
    private final Map<String, List<Map<String, Object>>> jobsByRequest = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> jobsByOrg = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> subscribersByOrg = new HashMap<>();

    Duration startDelay = Duration.ZERO;
    Duration runDuration = Duration.ZERO;
    boolean hold;
    String canceledStatus = "Canceled";

    StubDatabase(Clock clock) {
        this.clock = clock;
    }

    // -------------------------------------------------------------------------------------- records

    @Override
    public Map<String, Object> byId(String id) {
        return byId.get(id);
    }

    @Override
    public List<Map<String, Object>> all(String type) {
        return new ArrayList<>(table(type).values());
    }

    Instant now() {
        return clock.instant();
    }

    String insert(String type, Map<String, ?> values) {
        StubSchema.SObjectType schema = StubSchema.require(type);
        Map<String, Object> record = new LinkedHashMap<>();
        schema.fields().forEach(f -> record.put(f, null));
        values.forEach((k, v) -> record.put(schema.field(k).orElseThrow(), v));
        String id = nextId(schema);
        record.put("Id", id);
        if (record.containsKey("CreatedDate")) {
            record.put("CreatedDate", now());
        }
        if (record.containsKey("SystemModstamp")) {
            record.put("SystemModstamp", now());
        }
        table(type).put(id, record);
        byId.put(id, record);
        if (schema.name().equals(PACKAGE_PUSH_JOB)) {
            jobsByRequest.computeIfAbsent((String) record.get("PackagePushRequestId"), k -> new ArrayList<>()).add(record);
            jobsByOrg.computeIfAbsent((String) record.get("SubscriberOrganizationKey"), k -> new ArrayList<>()).add(record);
        } else if (schema.name().equals(PACKAGE_SUBSCRIBER)) {
            subscribersByOrg.computeIfAbsent((String) record.get("OrgKey"), k -> new ArrayList<>()).add(record);
        }
        return id;
    }

    private String nextId(StubSchema.SObjectType schema) {
        int n = idCounters.merge(schema.idPrefix(), 1, Integer::sum);
        String digits = String.format(Locale.ROOT, "%012d", n);
        return schema.idPrefix() + digits + "AAA";
    }

    private LinkedHashMap<String, Map<String, Object>> table(String type) {
        return tables.computeIfAbsent(StubSchema.require(type).name(), t -> new LinkedHashMap<>());
    }

    private void touch(Map<String, Object> record) {
        if (record.containsKey("SystemModstamp")) {
            record.put("SystemModstamp", now());
        }
    }

    // ----------------------------------------------------------------------------------- push rules

    void failNextPush(String orgKey, PushError error) {
        orgFailures.computeIfAbsent(orgKey, k -> new ArrayDeque<>()).add(error);
    }

    void failEveryPushTo(String versionId, PushError error) {
        versionFailures.put(versionId, error);
    }

    void rejectJobInsert(String orgKey, String statusCode, String message) {
        insertRejections.put(orgKey, new RecordError(statusCode, message, List.of("SubscriberOrganizationKey")));
    }

    int pushesStarted(String orgKey) {
        return pushesStarted.getOrDefault(orgKey, 0);
    }

    Map<String, Integer> pushesStarted() {
        return Map.copyOf(pushesStarted);
    }

    // ------------------------------------------------------------------------------ push lifecycle

    String createPushRequest(Map<String, Object> fields) {
        StubSchema.SObjectType schema = StubSchema.require(PACKAGE_PUSH_REQUEST);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String field = schema.field(e.getKey()).orElseThrow(() -> new StubApiException(400, "INVALID_FIELD",
                    "No such column '" + e.getKey() + "' on sobject of type PackagePushRequest"));
            if (!Set.of("PackageVersionId", "ScheduledStartTime").contains(field)) {
                throw new StubApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: " + field + ". Please check the security settings of"
                                + " this field and verify that it is read/write for your profile or permission set.");
            }
            values.put(field, e.getValue());
        }
        Object versionId = values.get("PackageVersionId");
        if (versionId == null) {
            throw new StubApiException(400, "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [PackageVersionId]");
        }
        Map<String, Object> version = version(versionId.toString()).orElseThrow(() -> new StubApiException(400,
                "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
        if (!"Released".equals(version.get("ReleaseState"))) {
            throw new StubApiException(400, "INVALID_OPERATION", "You can push only a released package version");
        }
        if (Boolean.TRUE.equals(version.get("IsDeprecated"))) {
            throw new StubApiException(400, "INVALID_OPERATION", "You cannot push a deprecated package version");
        }
        Object start = values.get("ScheduledStartTime");
        if (start != null) {
            values.put("ScheduledStartTime", StubSoql.parseInstant(start.toString()).orElseThrow(() ->
                    new StubApiException(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of datetime from"
                            + " VALUE_STRING value " + start)));
        }
        values.put("Status", CREATED);
        return insert(PACKAGE_PUSH_REQUEST, values);
    }

    void updatePushRequest(String id, Map<String, Object> fields) {
        Map<String, Object> request = byId.get(id);
        if (request == null || !id.startsWith("0DV")) {
            throw new StubApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        for (String key : fields.keySet()) {
            if (!"Status".equalsIgnoreCase(key) && !"ScheduledStartTime".equalsIgnoreCase(key)) {
                throw new StubApiException(400, "INVALID_FIELD_FOR_INSERT_UPDATE",
                        "Unable to create/update fields: " + key + ".");
            }
        }
        String current = (String) request.get("Status");
        Object start = fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("ScheduledStartTime"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (start != null) {
            if (!CREATED.equals(current)) {
                throw new StubApiException(400, "INVALID_OPERATION",
                        "The scheduled start time can be changed only while the push request is Created");
            }
            request.put("ScheduledStartTime", StubSoql.parseInstant(start.toString()).orElseThrow(() ->
                    new StubApiException(400, "JSON_PARSER_ERROR", "Cannot deserialize datetime " + start)));
        }
        Object status = fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Status"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (status == null) {
            touch(request);
            return;
        }
        String target = status.toString();
        if (PENDING.equals(target)) {
            if (!CREATED.equals(current)) {
                throw new StubApiException(400, "INVALID_OPERATION",
                        "You can schedule a push request only while it is Created; it is " + current);
            }
            List<Map<String, Object>> jobs = jobsOf(id);
            if (jobs.isEmpty()) {
                throw new StubApiException(400, "INVALID_OPERATION", "The push request has no push jobs");
            }
            request.put("Status", PENDING);
            Instant scheduled = (Instant) request.get("ScheduledStartTime");
            Instant base = scheduled == null || scheduled.isBefore(now()) ? now() : scheduled;
            for (Map<String, Object> job : jobs) {
                job.put("Status", PENDING);
                touch(job);
                JobPlan plan = new JobPlan();
                plan.startAt = base.plus(startDelay);
                plan.finishAt = plan.startAt.plus(runDuration);
                plans.put((String) job.get("Id"), plan);
            }
        } else if ("Canceled".equalsIgnoreCase(target) || "Cancelled".equalsIgnoreCase(target)) {
            if (!CREATED.equals(current) && !PENDING.equals(current)) {
                throw new StubApiException(400, "INVALID_OPERATION",
                        "You can cancel a push request only while it is Created or Pending; it is " + current);
            }
            request.put("Status", canceledStatus);
            for (Map<String, Object> job : jobsOf(id)) {
                job.put("Status", canceledStatus);
                plans.remove((String) job.get("Id"));
                touch(job);
            }
        } else {
            throw new StubApiException(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "Status: bad value for restricted picklist field: " + target);
        }
        touch(request);
    }

    /**
     * Checks one push job before it is inserted; empty when it can be. {@code batchOrgs} holds the
     * orgs of the same request seen earlier in the same batch.
     */
    List<RecordError> validateJob(Map<String, Object> fields, Set<String> batchOrgs) {
        List<RecordError> errors = new ArrayList<>();
        StubSchema.SObjectType schema = StubSchema.require(PACKAGE_PUSH_JOB);
        for (String key : fields.keySet()) {
            Optional<String> field = schema.field(key);
            if (field.isEmpty()) {
                errors.add(new RecordError("INVALID_FIELD", "No such column '" + key
                        + "' on sobject of type PackagePushJob", List.of(key)));
            } else if (!Set.of("PackagePushRequestId", "SubscriberOrganizationKey").contains(field.get())) {
                errors.add(new RecordError("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                        + field.get() + ".", List.of(field.get())));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        Object requestId = value(fields, "PackagePushRequestId");
        Object orgKey = value(fields, "SubscriberOrganizationKey");
        if (requestId == null || orgKey == null) {
            errors.add(new RecordError("REQUIRED_FIELD_MISSING", "Required fields are missing: "
                    + (requestId == null ? "[PackagePushRequestId]" : "[SubscriberOrganizationKey]"), List.of()));
            return errors;
        }
        Map<String, Object> request = byId.get(requestId.toString());
        if (request == null || !requestId.toString().startsWith("0DV")) {
            errors.add(new RecordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id",
                    List.of("PackagePushRequestId")));
            return errors;
        }
        if (!CREATED.equals(request.get("Status"))) {
            errors.add(new RecordError("INVALID_OPERATION", "Push jobs can be added only to a push request that is"
                    + " Created; it is " + request.get("Status"), List.of("PackagePushRequestId")));
            return errors;
        }
        String org = orgKey.toString();
        RecordError rejection = insertRejections.get(org);
        if (rejection != null) {
            errors.add(rejection);
            return errors;
        }
        boolean duplicate = !batchOrgs.add(requestId + "/" + org)
                || jobsOf(requestId.toString()).stream().anyMatch(j -> org.equals(j.get("SubscriberOrganizationKey")));
        if (duplicate) {
            errors.add(new RecordError("DUPLICATE_VALUE", "duplicate value found: SubscriberOrganizationKey"
                    + " duplicates value on record with id: " + org, List.of("SubscriberOrganizationKey")));
            return errors;
        }
        Map<String, Object> target = byId.get((String) request.get("PackageVersionId"));
        Optional<Map<String, Object>> subscriber = subscriber(org, (String) target.get("MetadataPackageId"));
        if (subscriber.isEmpty() || !"i".equals(subscriber.get().get("InstalledStatus"))) {
            errors.add(new RecordError("INVALID_OPERATION", "The package is not installed in org " + org,
                    List.of("SubscriberOrganizationKey")));
        } else if ("Inactive".equalsIgnoreCase(String.valueOf(subscriber.get().get("OrgStatus")))) {
            errors.add(new RecordError("INVALID_OPERATION", "Org " + org + " is inactive and cannot receive a push",
                    List.of("SubscriberOrganizationKey")));
        } else {
            Map<String, Object> installed = byId.get((String) subscriber.get().get("MetadataPackageVersionId"));
            if (installed != null && compareVersions(installed, target) >= 0) {
                errors.add(new RecordError("INVALID_OPERATION", "Org " + org + " already has version "
                        + versionNumber(installed) + " installed; push upgrades cannot downgrade",
                        List.of("SubscriberOrganizationKey")));
            }
        }
        return errors;
    }

    String insertJob(Map<String, Object> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("PackagePushRequestId", value(fields, "PackagePushRequestId"));
        values.put("SubscriberOrganizationKey", value(fields, "SubscriberOrganizationKey"));
        values.put("Status", CREATED);
        return insert(PACKAGE_PUSH_JOB, values);
    }

    /** Moves every scheduled job along to what the clock says it is now. */
    void tick() {
        if (hold || plans.isEmpty()) {
            return;
        }
        Instant now = now();
        for (Map.Entry<String, JobPlan> entry : new ArrayList<>(plans.entrySet())) {
            Map<String, Object> job = byId.get(entry.getKey());
            JobPlan plan = entry.getValue();
            if (PENDING.equals(job.get("Status")) && !now.isBefore(plan.startAt)) {
                start(job, plan.startAt);
            }
            if (IN_PROGRESS.equals(job.get("Status")) && !now.isBefore(plan.finishAt)) {
                finish(job, plan.finishAt);
            }
        }
    }

    /** Starts (if needed) and finishes now every scheduled job of the org, ignoring the clock and any hold. */
    boolean finishNow(String orgKey) {
        boolean any = false;
        for (String jobId : new ArrayList<>(plans.keySet())) {
            Map<String, Object> job = byId.get(jobId);
            if (orgKey == null || orgKey.equals(job.get("SubscriberOrganizationKey"))) {
                if (PENDING.equals(job.get("Status"))) {
                    start(job, now());
                }
                finish(job, now());
                any = true;
            }
        }
        return any;
    }

    /** Starts now every scheduled job of the org that has not started, leaving it In Progress. */
    void startNow(String orgKey) {
        for (String jobId : new ArrayList<>(plans.keySet())) {
            Map<String, Object> job = byId.get(jobId);
            if ((orgKey == null || orgKey.equals(job.get("SubscriberOrganizationKey")))
                    && PENDING.equals(job.get("Status"))) {
                start(job, now());
                plans.get(jobId).finishAt = Instant.MAX;
            }
        }
    }

    private void start(Map<String, Object> job, Instant at) {
        job.put("Status", IN_PROGRESS);
        job.put("StartTime", at);
        touch(job);
        String org = (String) job.get("SubscriberOrganizationKey");
        pushesStarted.merge(org, 1, Integer::sum);
        Map<String, Object> request = byId.get((String) job.get("PackagePushRequestId"));
        if (PENDING.equals(request.get("Status"))) {
            request.put("Status", IN_PROGRESS);
            request.put("StartTime", at);
            touch(request);
        }
        JobPlan plan = plans.get((String) job.get("Id"));
        plan.failure = failureFor(org, request);
    }

    private void finish(Map<String, Object> job, Instant at) {
        JobPlan plan = plans.remove((String) job.get("Id"));
        job.put("EndTime", at);
        Instant started = (Instant) job.get("StartTime");
        job.put("DurationSeconds", started == null ? 0 : (int) Duration.between(started, at).toSeconds());
        Map<String, Object> request = byId.get((String) job.get("PackagePushRequestId"));
        if (plan.failure == null) {
            job.put("Status", SUCCEEDED);
            Map<String, Object> version = byId.get((String) request.get("PackageVersionId"));
            subscriber((String) job.get("SubscriberOrganizationKey"), (String) version.get("MetadataPackageId"))
                    .ifPresent(s -> {
                        s.put("MetadataPackageVersionId", version.get("Id"));
                        touch(s);
                    });
        } else {
            job.put("Status", FAILED);
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("PackagePushJobId", job.get("Id"));
            error.put("ErrorSeverity", plan.failure.severity());
            error.put("ErrorType", plan.failure.errorType());
            error.put("ErrorTitle", plan.failure.title());
            error.put("ErrorMessage", plan.failure.message());
            error.put("ErrorDetails", plan.failure.details());
            insert(PACKAGE_PUSH_ERROR, error);
        }
        touch(job);
        List<Map<String, Object>> jobs = jobsOf((String) request.get("Id"));
        boolean allDone = jobs.stream().allMatch(j -> isFinal((String) j.get("Status")));
        if (allDone) {
            boolean anyFailed = jobs.stream().anyMatch(j -> FAILED.equals(j.get("Status")));
            request.put("Status", anyFailed ? FAILED : SUCCEEDED);
            request.put("EndTime", at);
            Instant requestStarted = (Instant) request.get("StartTime");
            request.put("DurationSeconds", requestStarted == null ? 0
                    : (int) Duration.between(requestStarted, at).toSeconds());
            touch(request);
        }
    }

    private PushError failureFor(String org, Map<String, Object> request) {
        Map<String, Object> version = byId.get((String) request.get("PackageVersionId"));
        Optional<Map<String, Object>> subscriber = subscriber(org, (String) version.get("MetadataPackageId"));
        if (subscriber.isPresent()) {
            Map<String, Object> installed = byId.get((String) subscriber.get().get("MetadataPackageVersionId"));
            if (installed != null && "Beta".equals(installed.get("ReleaseState"))) {
                return new PushError("IneligibleUpgrade", "Error", "Beta version installed",
                        "The org has a beta version of the package installed, which cannot be upgraded", "");
            }
        }
        Deque<PushError> queued = orgFailures.get(org);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        return versionFailures.get((String) version.get("Id"));
    }

    private static boolean isFinal(String status) {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || "Canceled".equals(status)
                || "Cancelled".equals(status);
    }

    List<Map<String, Object>> jobsOf(String requestId) {
        return List.copyOf(jobsByRequest.getOrDefault(requestId, List.of()));
    }

    List<Map<String, Object>> jobsForOrg(String orgKey) {
        return List.copyOf(jobsByOrg.getOrDefault(orgKey, List.of()));
    }

    Optional<Map<String, Object>> subscriber(String orgKey, String packageId) {
        return subscribersByOrg.getOrDefault(orgKey, List.of()).stream()
                .filter(s -> Objects.equals(packageId, s.get("MetadataPackageId"))).findFirst();
    }

    Optional<Map<String, Object>> version(String versionId) {
        return Optional.ofNullable(byId.get(versionId)).filter(v -> versionId.startsWith("04t"));
    }

    Optional<Map<String, Object>> packageRecord(String packageId) {
        return Optional.ofNullable(byId.get(packageId)).filter(v -> table(METADATA_PACKAGE).containsKey(packageId));
    }

    Optional<String> versionIdOf(String packageId, String number) {
        return table(METADATA_PACKAGE_VERSION).values().stream()
                .filter(v -> packageId.equals(v.get("MetadataPackageId")) && number.equals(versionNumber(v)))
                .map(v -> (String) v.get("Id")).findFirst();
    }

    static String versionNumber(Map<String, Object> version) {
        return version.get("MajorVersion") + "." + version.get("MinorVersion") + "." + version.get("PatchVersion");
    }

    private static int compareVersions(Map<String, Object> a, Map<String, Object> b) {
        for (String field : List.of("MajorVersion", "MinorVersion", "PatchVersion", "BuildNumber")) {
            int c = Integer.compare(number(a.get(field)), number(b.get(field)));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int number(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static Object value(Map<String, Object> fields, String name) {
        return fields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    Set<String> types() {
        return new LinkedHashSet<>(tables.keySet());
    }
}
