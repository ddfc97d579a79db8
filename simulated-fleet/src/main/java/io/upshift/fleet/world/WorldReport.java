package io.upshift.fleet.world;

/**
 * What the world has done so far, read from its database (so it covers every replica).
 *
 * @param orgs orgs the world knows (seeded or seen in a command)
 * @param pushJobs push jobs started, failed ones included
 * @param jobsInProgress jobs not finished yet
 * @param upgrades successful upgrades applied
 * @param orgsUpgradedMoreThanOnce orgs whose version was changed by more than one job
 * @param orgsWithMoreThanOneJob orgs with more than one push job (a failed job and a retry count twice)
 */
public record WorldReport(
        long orgs,
        long pushJobs,
        long jobsInProgress,
        long upgrades,
        long orgsUpgradedMoreThanOnce,
        long orgsWithMoreThanOneJob) {
}
