package io.upshift.fleet.generator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a simulated fleet looks like: its size and seed, and the shares that shape the mix. The
 * defaults give a fleet like a mid-sized ISV's: about 30 % sandboxes, mostly active orgs, most
 * orgs one or two versions behind, a few betas and a few orgs without the package.
 *
 * @param count how many orgs
 * @param seed the same seed always gives the same fleet (org {@code i} does not depend on {@code count})
 * @param sandboxShare share of sandbox orgs, 0..1
 * @param statusWeights relative weights of ACTIVE, TRIAL, FREE, DEMO and INACTIVE
 * @param installedVersions relative weights of the released versions installed ("major.minor.patch[.build]")
 * @param betaVersion the beta version some orgs have installed, or null for none
 * @param betaShare share of orgs on {@code betaVersion}, 0..1
 * @param notInstalledShare share of orgs that do not have the package (any more), 0..1
 * @param windowMode realistic maintenance windows, or every window always open (the one-minute demo)
 * @param pushBlockedShare share of orgs with the package whose subscriber blocks pushes of it (Salesforce's
 *     PushUpgradeCustomization), 0..1; 0 by default, and drawn apart from the rest, so that a fleet
 *     without blocks is the same fleet as before blocks were modelled
 */
public record FleetOptions(
        long count,
        long seed,
        double sandboxShare,
        List<Weighted> statusWeights,
        List<Weighted> installedVersions,
        String betaVersion,
        double betaShare,
        double notInstalledShare,
        WindowMode windowMode,
        double pushBlockedShare) {

    /** The largest fleet: org ids stay unique up to here (and 1,000,000 is the target). */
    public static final long MAX_COUNT = 100_000_000L;

    public static final List<Weighted> DEFAULT_STATUS_WEIGHTS = List.of(
            new Weighted("ACTIVE", 86), new Weighted("TRIAL", 4), new Weighted("FREE", 3),
            new Weighted("DEMO", 3), new Weighted("INACTIVE", 4));

    public static final List<Weighted> DEFAULT_INSTALLED_VERSIONS = List.of(
            new Weighted("3.9.7", 5), new Weighted("4.0.3", 15), new Weighted("4.1.0", 25),
            new Weighted("4.1.2", 35), new Weighted("4.2.0", 20));

    private static final Set<String> STATUSES = Set.of("ACTIVE", "TRIAL", "FREE", "DEMO", "INACTIVE");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9})?");

    public FleetOptions {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", got " + count);
        }
        requireShare("sandboxShare", sandboxShare);
        requireShare("betaShare", betaShare);
        requireShare("notInstalledShare", notInstalledShare);
        requireShare("pushBlockedShare", pushBlockedShare);
        if (betaShare + notInstalledShare > 1) {
            throw new IllegalArgumentException("betaShare + notInstalledShare must not exceed 1");
        }
        statusWeights = requireWeights("statusWeights", statusWeights);
        installedVersions = requireWeights("installedVersions", installedVersions);
        for (Weighted status : statusWeights) {
            if (!STATUSES.contains(status.value())) {
                throw new IllegalArgumentException("unknown status " + status.value() + ", expected one of " + STATUSES);
            }
        }
        for (Weighted version : installedVersions) {
            requireVersion("installedVersions", version.value());
        }
        if (betaVersion != null) {
            requireVersion("betaVersion", betaVersion);
        }
        Objects.requireNonNull(windowMode, "windowMode");
    }

    /** The default mix for {@code count} orgs from {@code seed}. */
    public static FleetOptions defaults(long count, long seed) {
        return new FleetOptions(count, seed, 0.30, DEFAULT_STATUS_WEIGHTS, DEFAULT_INSTALLED_VERSIONS, "4.3.0", 0.02,
                0.02, WindowMode.REALISTIC, 0);
    }

    /** A fleet without push blocks (the options before blocks were modelled). */
    public FleetOptions(long count, long seed, double sandboxShare, List<Weighted> statusWeights,
            List<Weighted> installedVersions, String betaVersion, double betaShare, double notInstalledShare,
            WindowMode windowMode) {
        this(count, seed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare, notInstalledShare,
                windowMode, 0);
    }

    /** Orgs whose subscriber blocks pushes of the package: a share of those that have it. */
    public FleetOptions withPushBlockedShare(double share) {
        return new FleetOptions(count, seed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare,
                notInstalledShare, windowMode, share);
    }

    public FleetOptions withCount(long newCount) {
        return new FleetOptions(newCount, seed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare,
                notInstalledShare, windowMode, pushBlockedShare);
    }

    public FleetOptions withSeed(long newSeed) {
        return new FleetOptions(count, newSeed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare,
                notInstalledShare, windowMode, pushBlockedShare);
    }

    public FleetOptions withSandboxShare(double share) {
        return new FleetOptions(count, seed, share, statusWeights, installedVersions, betaVersion, betaShare,
                notInstalledShare, windowMode, pushBlockedShare);
    }

    public FleetOptions withStatusWeights(List<Weighted> weights) {
        return new FleetOptions(count, seed, sandboxShare, weights, installedVersions, betaVersion, betaShare,
                notInstalledShare, windowMode, pushBlockedShare);
    }

    public FleetOptions withInstalledVersions(List<Weighted> versions) {
        return new FleetOptions(count, seed, sandboxShare, statusWeights, versions, betaVersion, betaShare,
                notInstalledShare, windowMode, pushBlockedShare);
    }

    /** Orgs on a beta: {@code version} null (or share 0) for none. */
    public FleetOptions withBeta(String version, double share) {
        return new FleetOptions(count, seed, sandboxShare, statusWeights, installedVersions, version,
                version == null ? 0 : share, notInstalledShare, windowMode, pushBlockedShare);
    }

    public FleetOptions withNotInstalledShare(double share) {
        return new FleetOptions(count, seed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare,
                share, windowMode, pushBlockedShare);
    }

    public FleetOptions withWindowMode(WindowMode mode) {
        return new FleetOptions(count, seed, sandboxShare, statusWeights, installedVersions, betaVersion, betaShare,
                notInstalledShare, mode, pushBlockedShare);
    }

    /** How maintenance windows are drawn. */
    public enum WindowMode {
        /** Nights and weekends in the org's time zone, some across midnight; sandboxes more often open. */
        REALISTIC,
        /** Every day, 00:00–00:00 (24 h): an org can be upgraded at any moment — for demos and benchmarks. */
        ALWAYS_OPEN
    }

    /** A value and its relative weight (weights need not add up to 100). */
    public record Weighted(String value, int weight) {

        public Weighted {
            Objects.requireNonNull(value, "value");
            if (weight < 0) {
                throw new IllegalArgumentException("weight of " + value + " must not be negative, got " + weight);
            }
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + share);
        }
    }

    private static List<Weighted> requireWeights(String name, List<Weighted> weights) {
        Objects.requireNonNull(weights, name);
        if (weights.stream().mapToLong(Weighted::weight).sum() <= 0) {
            throw new IllegalArgumentException(name + " needs at least one positive weight");
        }
        Set<String> seen = new HashSet<>();
        for (Weighted weighted : weights) {
            if (!seen.add(weighted.value())) {
                throw new IllegalArgumentException(name + " names " + weighted.value() + " twice");
            }
        }
        return List.copyOf(weights);
    }

    private static void requireVersion(String name, String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(name + ": " + version + " is not major.minor.patch[.build]");
        }
    }
}
