package io.upshift.executor.gateway.simulated;

import io.upshift.fleet.world.ChronicFailures;
import io.upshift.fleet.world.FailureModel;
import io.upshift.fleet.world.PushErrorType;
import io.upshift.fleet.world.FailureRates;
import io.upshift.fleet.world.LatencyModel;
import io.upshift.fleet.world.WorldSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated fleet behind {@code upshift.executor.gateway=simulated}: where its state lives (the
 * devstack's {@code fleet} database by default) and how its pushes behave. Failure rates are
 * keyed by {@code PackagePushError.ErrorType}; versions with dots need brackets in property keys:
 * {@code upshift.executor.simulated.failures.versions.[4.2.1].ApexTestFailure=0.4}.
 *
 * @param jdbcUrl the fleet database, shared by every executor replica
 * @param schema the world's schema in it (one world per schema)
 * @param seed drives every latency and failure draw
 * @param timeScale multiplies every latency: 0.01 runs a 10-minute push in 6 seconds
 * @param batchSize operations written per database round trip at most
 * @param writers threads writing to the fleet database, each with its own share of the orgs
 * @param poolSize connections to the fleet database: one per writer, plus one for seeding and reports
 */
@Validated
@ConfigurationProperties("upshift.executor.simulated")
public record SimulatedFleetProperties(
        @DefaultValue("jdbc:postgresql://localhost:5433/fleet") @NotBlank String jdbcUrl,
        @DefaultValue("postgres") String username,
        @DefaultValue("") String password,
        @DefaultValue(WorldSettings.DEFAULT_SCHEMA) @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema,
        @DefaultValue("42") long seed,
        @DefaultValue("1.0") double timeScale,
        @DefaultValue @Valid Latency latency,
        @DefaultValue @Valid Failures failures,
        @DefaultValue("1000") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("2") @Min(1) @Max(16) int writers,
        @DefaultValue("3") @Min(2) @Max(50) int poolSize,
        @DefaultValue Map<String, @Valid PackageWorld> packages) {

    /**
     * A package with a world of its own (release trains, #22): keyed by its package id (033…); a package
     * not listed shares the default world ({@code schema}).
     *
     * @param schema its world's schema
     * @param requires the package it needs in each org, and the least version of it (null: nothing)
     */
    public record PackageWorld(@NotBlank @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String schema, @Valid Requires requires) {
    }

    /**
     * @param packageId the base package (033…): its world is the one listed for it, else the default
     * @param name how failure messages name it
     * @param minimumVersion the least base version the package installs over
     */
    public record Requires(@NotBlank String packageId, @DefaultValue("the base package") String name,
            @NotBlank @Pattern(regexp = "\\d{1,9}(\\.\\d{1,9}){1,3}") String minimumVersion) {
    }

    public SimulatedFleetProperties {
        packages = packages == null ? Map.of() : Map.copyOf(packages);
        packages.forEach((id, world) -> {
            if (world.requires() != null && world.requires().packageId().equals(id)) {
                throw new IllegalArgumentException("upshift.executor.simulated.packages." + id
                        + ".requires: a package cannot require itself");
            }
            if (world.schema().equals(schema)) {
                throw new IllegalArgumentException("upshift.executor.simulated.packages." + id + ".schema: "
                        + world.schema() + " is the default world's schema; each package listed needs its own");
            }
        });
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("upshift.executor.simulated.time-scale must be positive, got " + timeScale);
        }
        if (poolSize <= writers) {
            throw new IllegalArgumentException("upshift.executor.simulated.pool-size (" + poolSize
                    + ") must exceed writers (" + writers + "): each writer holds a connection");
        }
    }

    /**
     * Log-normal push durations.
     *
     * @param median half the pushes take less
     * @param p99 99 % take less
     * @param max no push takes longer
     */
    public record Latency(
            @DefaultValue("2s") @NotNull Duration median,
            @DefaultValue("20s") @NotNull Duration p99,
            @DefaultValue("5m") @NotNull Duration max) {

        public Latency {
            // Fails start-up with the model's own message when the three are out of order.
            if (median != null && p99 != null && max != null) {
                new LatencyModel(median, p99, max);
            }
        }
    }

    /**
     * Failure rates by error type ({@code LockingFailure: 0.02}), added up over the layers that apply.
     *
     * @param fleet for every push
     * @param instances per Salesforce pod (NA135)
     * @param versions per target version (4.2.1); a rate of 1 makes a bad release
     * @param unavailableRate the share of push calls refused with a simulated 503
     * @param chronicShare the share of orgs (drawn by seed and org id) whose every push fails, campaign after
     *        campaign, with {@code chronicError}
     * @param chronicError the permanent error of chronic orgs (a Salesforce name, e.g. DeployError)
     */
    public record Failures(
            @DefaultValue Map<String, Double> fleet,
            @DefaultValue Map<String, Map<String, Double>> instances,
            @DefaultValue Map<String, Map<String, Double>> versions,
            @DefaultValue("0") double unavailableRate,
            @DefaultValue("0") double chronicShare,
            @DefaultValue("DeployError") String chronicError) {

        public Failures {
            fleet = fleet == null ? Map.of() : Map.copyOf(fleet);
            instances = instances == null ? Map.of() : Map.copyOf(instances);
            versions = versions == null ? Map.of() : Map.copyOf(versions);
            chronicError = chronicError == null ? "DeployError" : chronicError;
            model(fleet, instances, versions, unavailableRate, chronicShare, chronicError); // fails start-up clearly
        }

        FailureModel model() {
            return model(fleet, instances, versions, unavailableRate, chronicShare, chronicError);
        }

        private static FailureModel model(Map<String, Double> fleet, Map<String, Map<String, Double>> instances,
                Map<String, Map<String, Double>> versions, double unavailableRate, double chronicShare,
                String chronicError) {
            PushErrorType error = PushErrorType.fromName(chronicError).orElseThrow(() -> new IllegalArgumentException(
                    "unknown chronic error '" + chronicError + "'; known: " + java.util.Arrays.stream(
                            PushErrorType.values()).map(PushErrorType::salesforceName).toList()));
            Map<String, FailureRates> byInstance = new HashMap<>();
            instances.forEach((instance, rates) -> byInstance.put(instance, FailureRates.parse(rates)));
            Map<String, FailureRates> byVersion = new HashMap<>();
            versions.forEach((version, rates) -> byVersion.put(version, FailureRates.parse(rates)));
            return new FailureModel(FailureRates.parse(fleet), byInstance, byVersion, unavailableRate,
                    new ChronicFailures(chronicShare, error));
        }
    }

    WorldSettings worldSettings() {
        return new WorldSettings(schema, seed, new LatencyModel(latency.median(), latency.p99(), latency.max()),
                failures.model(), timeScale, batchSize, writers);
    }
}
