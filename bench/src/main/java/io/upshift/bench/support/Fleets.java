package io.upshift.bench.support;

import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.FleetOptions.Weighted;
import io.upshift.fleet.generator.SimulatedOrg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Generated fleets for the benchmarks: every org eligible, so N orgs mean N upgrades. */
public final class Fleets {

    public static final String INSTALLED = "4.1.2";

    /** Executor settings for a simulated fleet whose pushes take no time: what is measured is Upshift alone. */
    public static final Map<String, String> ZERO_LATENCY = Map.of(
            "upshift.executor.simulated.latency.median", "0s",
            "upshift.executor.simulated.latency.p99", "0s",
            "upshift.executor.simulated.latency.max", "0s");

    private Fleets() {
    }

    /**
     * {@code count} active production and sandbox orgs on {@link #INSTALLED}, always-open windows,
     * nothing beta and nothing uninstalled: every one of them is eligible for a newer version.
     */
    public static FleetOptions eligible(long count, long seed) {
        return new FleetOptions(count, seed, 0.30, List.of(new Weighted("ACTIVE", 1)),
                List.of(new Weighted(INSTALLED, 1)), null, 0, 0, FleetOptions.WindowMode.ALWAYS_OPEN);
    }

    public static Stream<SimulatedOrg> orgs(FleetOptions options) {
        return new FleetGenerator(options).stream();
    }

    /** The orgs with their pod replaced, e.g. to spread a fleet over exactly 20 pods. */
    public static Stream<SimulatedOrg> onPods(Stream<SimulatedOrg> orgs, UnaryOperator<String> pod) {
        return orgs.map(o -> new SimulatedOrg(o.orgId(), o.orgName(), o.orgType(), o.status(), pod.apply(o.orgId()),
                o.installedVersion(), o.betaInstalled(), o.timeZone(), o.windowDays(), o.windowStart(), o.windowEnd(),
                o.locale(), o.adminEmails()));
    }

    /** Writes the orgs as the planner's headered CSV to a temporary file (deleted by the caller). */
    public static Path csv(Stream<SimulatedOrg> orgs, Path directory) {
        try {
            Path file = Files.createTempFile(directory, "fleet", ".csv");
            FleetCsv.write(orgs, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
