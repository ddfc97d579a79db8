package io.upshift.fleet.world;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link FleetWorld} behaves and where it keeps its state.
 *
 * @param schema the PostgreSQL schema holding the world's tables (one world per schema; replicas of
 *        the executor share it)
 * @param seed drives every random choice: the same seed gives the same latencies and failures
 * @param latency how long pushes take
 * @param failures which pushes fail and how
 * @param timeScale multiplies every latency (0.01: a simulated 10-minute push lasts 6 s)
 * @param batchSize the most operations written in one database round trip
 * @param writers threads (and database connections) writing batches; each org belongs to one of them
 */
public record WorldSettings(
        String schema,
        long seed,
        LatencyModel latency,
        FailureModel failures,
        double timeScale,
        int batchSize,
        int writers) {

    public static final String DEFAULT_SCHEMA = "fleet_world";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public WorldSettings {
        Objects.requireNonNull(schema, "schema");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier, got '" + schema + "'");
        }
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(failures, "failures");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be positive, got " + timeScale);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException("writers must be between 1 and 16, got " + writers);
        }
    }

    /** A world that upgrades every org at once and never fails: a starting point for tests and benchmarks. */
    public static WorldSettings defaults() {
        return new WorldSettings(DEFAULT_SCHEMA, 42, LatencyModel.ZERO, FailureModel.NONE, 1.0, 1000, 2);
    }

    public WorldSettings withSchema(String newSchema) {
        return new WorldSettings(newSchema, seed, latency, failures, timeScale, batchSize, writers);
    }

    public WorldSettings withSeed(long newSeed) {
        return new WorldSettings(schema, newSeed, latency, failures, timeScale, batchSize, writers);
    }

    public WorldSettings withLatency(LatencyModel newLatency) {
        return new WorldSettings(schema, seed, newLatency, failures, timeScale, batchSize, writers);
    }

    public WorldSettings withFailures(FailureModel newFailures) {
        return new WorldSettings(schema, seed, latency, newFailures, timeScale, batchSize, writers);
    }

    public WorldSettings withTimeScale(double newTimeScale) {
        return new WorldSettings(schema, seed, latency, failures, newTimeScale, batchSize, writers);
    }

    public WorldSettings withBatchSize(int newBatchSize) {
        return new WorldSettings(schema, seed, latency, failures, timeScale, newBatchSize, writers);
    }

    public WorldSettings withWriters(int newWriters) {
        return new WorldSettings(schema, seed, latency, failures, timeScale, batchSize, newWriters);
    }

    PushScenario scenario() {
        return new PushScenario(seed, latency, failures, timeScale);
    }
}
