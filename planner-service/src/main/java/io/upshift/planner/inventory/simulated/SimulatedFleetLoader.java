package io.upshift.planner.inventory.simulated;

import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import io.upshift.fleet.generator.FleetOptions.Weighted;
import io.upshift.fleet.generator.FleetOptions.WindowMode;
import io.upshift.fleet.generator.SimulatedOrg;
import io.upshift.planner.inventory.config.InventoryProperties;
import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.planner.inventory.domain.MaintenanceWindow;
import io.upshift.planner.inventory.domain.OrgRow;
import io.upshift.planner.inventory.domain.OrgSource;
import io.upshift.planner.inventory.domain.OrgStatus;
import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersion;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import io.upshift.planner.inventory.domain.ReleaseState;
import io.upshift.planner.inventory.importing.OrgImporter;
import io.upshift.planner.inventory.jdbc.PackageRepository;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Loads a simulated fleet (source SIMULATED) into the inventory: the generator's orgs stream
 * through the same writer as a CSV import, one at a time. Exclusions are not part of a simulated
 * org, so loading the same fleet again keeps the ones a person set.
 */
@Service
public class SimulatedFleetLoader {

    /** Everything a simulated org carries: all columns but the exclusion. */
    static final Set<ImportColumn> COLUMNS = EnumSet.complementOf(
            EnumSet.of(ImportColumn.EXCLUDED, ImportColumn.EXCLUDED_NOTE));

    private final OrgImporter importer;
    private final PackageRepository packages;
    private final long maxCount;

    SimulatedFleetLoader(OrgImporter importer, PackageRepository packages, InventoryProperties properties) {
        this.importer = importer;
        this.packages = packages;
        this.maxCount = properties.simulated().maxCount();
    }

    /**
     * Generates and stores the fleet.
     *
     * @throws UnprocessableException naming the option that makes no sense
     */
    public ImportReport load(String packageId, SimulatedFleetSpec spec) {
        importer.requirePackage(packageId);
        if (spec.count() > maxCount) {
            throw new ImportTooLargeException("a simulated fleet has at most " + maxCount + " orgs "
                    + "(upshift.planner.inventory.simulated.max-count), asked for " + spec.count());
        }
        FleetOptions options = options(spec, packages.versions(packageId));
        FleetGenerator generator = new FleetGenerator(options);
        return importer.importRows(packageId, OrgSource.SIMULATED, "SIMULATED", COLUMNS, false, sink -> {
            Iterator<SimulatedOrg> orgs = generator.iterator();
            int line = 0;
            while (orgs.hasNext()) {
                sink.accept(row(++line, orgs.next()));
            }
        });
    }

    /** The generator's options: the spec, with defaults taken from the package's versions. */
    static FleetOptions options(SimulatedFleetSpec spec, List<PackageVersion> versions) {
        try {
            FleetOptions options = FleetOptions.defaults(spec.count(), spec.seed() == null ? 1 : spec.seed());
            if (spec.sandboxShare() != null) {
                options = options.withSandboxShare(spec.sandboxShare());
            }
            if (spec.statusWeights() != null) {
                options = options.withStatusWeights(weights(spec.statusWeights(), true));
            }
            if (spec.installedVersions() != null) {
                options = options.withInstalledVersions(weights(spec.installedVersions(), false));
            } else if (versions.stream().anyMatch(v -> v.releaseState() == ReleaseState.RELEASED)) {
                options = options.withInstalledVersions(registeredWeights(versions));
            }
            String beta = spec.betaVersion() != null ? PackageVersionNumber.parse(spec.betaVersion()).toString()
                    : versions.stream().filter(v -> v.releaseState() == ReleaseState.BETA)
                            .map(v -> v.number().toString()).reduce((older, newer) -> newer)
                            .orElse(spec.installedVersions() == null && versions.isEmpty() ? options.betaVersion() : null);
            options = options.withBeta(beta, spec.betaShare() == null ? options.betaShare() : spec.betaShare());
            if (spec.notInstalledShare() != null) {
                options = options.withNotInstalledShare(spec.notInstalledShare());
            }
            if (spec.pushBlockedShare() != null) {
                options = options.withPushBlockedShare(spec.pushBlockedShare());
            }
            if (spec.windowMode() != null) {
                options = options.withWindowMode(windowMode(spec.windowMode()));
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("the simulated fleet's options are invalid: " + e.getMessage(),
                    List.of(Reason.of(null, e.getMessage())));
        }
    }

    /** A generated org as an import row ({@code line}: its 1-based position in the fleet). */
    public static OrgRow row(int line, SimulatedOrg org) {
        PackageVersionNumber installed = org.installedVersion() == null ? null
                : PackageVersionNumber.parse(org.installedVersion());
        return new OrgRow(line, org.orgId(), org.orgName(), OrgType.valueOf(org.orgType()),
                OrgStatus.valueOf(org.status()), org.instance(), installed, installed == null ? null : org.betaInstalled(),
                org.timeZone().getId(), new MaintenanceWindow(org.windowDays(), org.windowStart(), org.windowEnd()),
                org.locale(), org.adminEmails(), false, null, installed == null ? null : org.pushBlocked());
    }

    /** Older released versions more common than newer ones; the newest (the usual target) about 1 in 7. */
    private static List<Weighted> registeredWeights(List<PackageVersion> versions) {
        List<String> released = versions.stream().filter(v -> v.releaseState() == ReleaseState.RELEASED)
                .map(v -> v.number().toString()).toList();
        List<Weighted> weights = new ArrayList<>();
        int older = released.size() - 1;
        int sum = 0;
        for (int i = 0; i < older; i++) {
            int weight = Math.min(i + 1, 5) * 10;
            weights.add(new Weighted(released.get(i), weight));
            sum += weight;
        }
        weights.add(new Weighted(released.getLast(), older == 0 ? 1 : Math.max(1, sum / 6)));
        return weights;
    }

    private static List<Weighted> weights(Map<String, Integer> weights, boolean statuses) {
        List<Weighted> list = new ArrayList<>();
        weights.forEach((value, weight) -> {
            if (weight == null) {
                throw new IllegalArgumentException("the weight of " + value + " is missing");
            }
            list.add(new Weighted(statuses ? OrgStatus.parse(value).name()
                    : PackageVersionNumber.parse(value).toString(), weight));
        });
        return list;
    }

    private static WindowMode windowMode(String text) {
        try {
            return WindowMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown windowMode '" + text + "', expected REALISTIC or ALWAYS_OPEN");
        }
    }
}
