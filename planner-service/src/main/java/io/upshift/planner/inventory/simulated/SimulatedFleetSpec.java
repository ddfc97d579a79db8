package io.upshift.planner.inventory.simulated;

import java.util.Map;

/**
 * What a person asks of a simulated fleet; every field but {@code count} may be left out.
 *
 * @param count how many orgs
 * @param seed the same seed gives the same fleet (default 1)
 * @param sandboxShare share of sandboxes, 0..1 (default 0.30)
 * @param statusWeights relative weights by status (default mostly ACTIVE)
 * @param installedVersions relative weights by installed version (default: the package's registered
 *     versions, older ones more common, the newest about 1 in 7; the generator's list when none is registered)
 * @param betaVersion the beta some orgs run (default: the package's newest beta version, if any)
 * @param betaShare share on the beta (default 0.02 when there is a beta version)
 * @param notInstalledShare share without the package (default 0.02)
 * @param windowMode REALISTIC (default) or ALWAYS_OPEN
 * @param pushBlockedShare share of the orgs with the package whose subscriber blocks pushes (default 0)
 */
public record SimulatedFleetSpec(
        long count,
        Long seed,
        Double sandboxShare,
        Map<String, Integer> statusWeights,
        Map<String, Integer> installedVersions,
        String betaVersion,
        Double betaShare,
        Double notInstalledShare,
        String windowMode,
        Double pushBlockedShare) {
}
