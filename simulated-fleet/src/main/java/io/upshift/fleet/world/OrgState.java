package io.upshift.fleet.world;

/**
 * One org as the world sees it now.
 *
 * @param installedVersion the package version installed, or null when the package is not installed
 * @param pushJobs push jobs started for the org (failed ones included)
 * @param upgrades jobs that changed its version
 */
public record OrgState(String orgId, String installedVersion, int pushJobs, int upgrades) {
}
