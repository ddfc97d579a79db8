package io.upshift.bench.support;

import io.upshift.demo.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;

/**
 * Drives the planner as a release manager's script does — through its REST API, authenticated:
 * packages and imports with the ADMIN key, campaigns with an OPERATOR key it creates — and reads
 * what it recorded from its database (the timestamps of every command: released, outcome applied).
 */
public final class PlannerClient {

    public static final Set<String> FINAL_STATES = Set.of("COMPLETED", "HALTED", "CANCELED");

    private final ApiClient admin;
    private final ApiClient api;
    private final DataSource database;

    /**
     * @param baseUrl the planner's API
     * @param adminKey an ADMIN API key of that planner (its bootstrap key)
     * @param database the planner's database, read for the commands' timestamps
     */
    public PlannerClient(String baseUrl, String adminKey, DataSource database) {
        this.admin = new ApiClient(baseUrl, adminKey);
        this.api = admin.as(admin.createKey("bench-operator-" + UUID.randomUUID(), "OPERATOR"));
        this.database = database;
    }

    /** The planner's API as ADMIN (packages, versions, imports). */
    public ApiClient admin() {
        return admin;
    }

    /** The planner's API as the OPERATOR that runs the campaigns. */
    public ApiClient api() {
        return api;
    }

    /** A 15-character package id unique to {@code number}. */
    public static String packageId(int number) {
        return String.format("033Bn%010d", number);
    }

    /** Registers the package with every version (released, oldest first). */
    public void registerPackage(String packageId, List<String> versions) {
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", "Bench " + packageId, "namespace", "bench"));
        for (int i = 0; i < versions.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of(
                    "versionId", "04tBn" + packageId.substring(5, 13) + String.format("%02d", i),
                    "version", versions.get(i), "releaseState", "RELEASED",
                    "releaseNotesUrl", "https://bench.example/releases/" + versions.get(i)));
        }
    }

    /** Uploads the CSV as the import API takes it; returns the answer (inserted, updated, rejected …). */
    public JsonNode importCsv(String packageId, Path csv) {
        try {
            return admin.postFile("/api/v1/packages/" + packageId + "/subscribers/import", csv, "text/csv");
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (java.io.IOException ignored) {
                // a temp file left behind
            }
        }
    }

    /** A campaign body: one wave, every org, no caps, the gate off unless set — change what a benchmark needs. */
    public static Map<String, Object> campaign(String name, String packageId, String targetVersion) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", name);
        campaign.put("packageId", packageId);
        campaign.put("targetVersion", targetVersion);
        campaign.put("schedule", new LinkedHashMap<>(Map.of("noticePeriod", "PT0S")));
        campaign.put("gate", Map.of("failureThresholdPercent", 100, "minimumFinished", 0));
        campaign.put("orgTimeout", "PT1H");
        return campaign;
    }

    public String create(Map<String, Object> campaign) {
        return api.post("/api/v1/campaigns", campaign).path("id").asText();
    }

    public JsonNode preview(String campaignId) {
        return api.get("/api/v1/campaigns/" + campaignId + "/preview");
    }

    public JsonNode schedule(String campaignId) {
        return api.post("/api/v1/campaigns/" + campaignId + "/schedule", Map.of());
    }

    public JsonNode status(String campaignId) {
        return api.get("/api/v1/campaigns/" + campaignId);
    }

    /** Polls until the campaign is COMPLETED, HALTED or CANCELED; {@code progress} gets the finished count. */
    public JsonNode awaitFinal(String campaignId, Duration timeout, LongConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        while (true) {
            JsonNode status = status(campaignId);
            if (FINAL_STATES.contains(status.path("state").asText())) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("campaign " + campaignId + " is still " + status.path("state").asText()
                        + " after " + timeout + ": " + status.path("counts"));
            }
            if (progress != null && System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                JsonNode counts = status.path("counts");
                progress.accept(counts.path("SUCCEEDED").asLong() + counts.path("FAILED").asLong()
                        + counts.path("SKIPPED").asLong() + counts.path("CANCELED").asLong()
                        + counts.path("TIMED_OUT").asLong());
            }
            Pause.of(Duration.ofMillis(250));
        }
    }

    /** Waits until the planner has released the campaign's first command (polling every 20 ms). */
    public void awaitFirstRelease(String campaignId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (query("select exists (select 1 from campaign_command where campaign_id = ?)", campaignId,
                rs -> !rs.getBoolean(1))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("campaign " + campaignId + " released nothing within " + timeout);
            }
            Pause.of(Duration.ofMillis(20));
        }
    }

    /** The campaign's commands as the planner recorded them. */
    public record CommandTimes(long commands, long applied, Instant firstIssued, Instant lastIssued,
            Instant lastApplied) {

        /** First command released → last outcome applied. */
        public Duration span() {
            return Duration.between(firstIssued, lastApplied);
        }
    }

    public CommandTimes commandTimes(String campaignId) {
        return query("""
                select count(*), count(applied_at), min(issued_at), max(issued_at), max(applied_at)
                from campaign_command where campaign_id = ?""", campaignId, rs -> new CommandTimes(rs.getLong(1),
                rs.getLong(2), instant(rs, 3), instant(rs, 4), instant(rs, 5)));
    }

    /** Every applied command's release → outcome-applied time, in microseconds, in release order. */
    public long[] latenciesMicros(String campaignId, Instant releasedFrom) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select (extract(epoch from applied_at - issued_at) * 1000000)::bigint
                        from campaign_command
                        where campaign_id = ? and applied_at is not null and issued_at >= ?
                        order by issued_at""")) {
            select.setObject(1, UUID.fromString(campaignId));
            select.setObject(2, java.sql.Timestamp.from(releasedFrom));
            select.setFetchSize(10_000);
            connection.setAutoCommit(false);
            try (ResultSet rs = select.executeQuery()) {
                long[] values = new long[1024];
                int n = 0;
                while (rs.next()) {
                    if (n == values.length) {
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = rs.getLong(1);
                }
                return java.util.Arrays.copyOf(values, n);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the planner's commands: " + e.getMessage(), e);
        }
    }

    /**
     * Where each command's time went, in microseconds, by stage: released → published by the
     * relay (outbox sent_at), → started by an executor (the outcome's startedAt), → finished by
     * the gateway (finishedAt), → applied by the planner. Commands released from {@code releasedFrom} on.
     */
    public Map<String, long[]> stageMicros(String campaignId, Instant releasedFrom) {
        Map<String, long[]> stages = new LinkedHashMap<>();
        String[] names = {"released → published (outbox relay)", "published → started (executor pick-up)",
                "started → finished (gateway)", "finished → applied (outcome to the planner)"};
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select (extract(epoch from o.sent_at - c.issued_at) * 1000000)::bigint,
                               (extract(epoch from c.started_at - o.sent_at) * 1000000)::bigint,
                               (extract(epoch from c.finished_at - c.started_at) * 1000000)::bigint,
                               (extract(epoch from c.applied_at - c.finished_at) * 1000000)::bigint
                        from campaign_command c join outbox o on o.ref = c.command_id and o.kind = 'COMMAND'
                        where c.campaign_id = ? and c.applied_at is not null and c.issued_at >= ?""")) {
            select.setObject(1, UUID.fromString(campaignId));
            select.setObject(2, java.sql.Timestamp.from(releasedFrom));
            List<long[]> rows = new java.util.ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
            for (int stage = 0; stage < names.length; stage++) {
                long[] values = new long[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    values[i] = rows.get(i)[stage];
                }
                stages.put(names[stage], values);
            }
            return stages;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the planner's commands: " + e.getMessage(), e);
        }
    }

    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One row of a query whose first parameter is the campaign id. */
    public <T> T query(String sql, String campaignId, Row<T> row, Object... more) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, UUID.fromString(campaignId));
            for (int i = 0; i < more.length; i++) {
                Object value = more[i] instanceof Instant instant ? java.sql.Timestamp.from(instant) : more[i];
                select.setObject(i + 2, value);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the planner's database: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
