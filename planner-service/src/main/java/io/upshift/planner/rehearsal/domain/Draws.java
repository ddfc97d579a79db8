package io.upshift.planner.rehearsal.domain;

/**
 * The twin's own draws (what the simulated fleet's PushScenario does not decide: a push's duration
 * around its org's own, a chronic org's failure, the executor's backoff jitter): a hash of the seed, the org and the purpose, so a draw
 * depends on nothing else — not the order orgs are reached in, not the thread.
 */
final class Draws {

    private Draws() {
    }

    static double uniform(long seed, int org, int purpose) {
        long z = seed * 0x9e3779b97f4a7c15L + org * 0xc2b2ae3d27d4eb4fL + purpose * 0x165667b19e3779f9L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A standard-normal draw (Box–Muller over two uniform draws of their own purposes). */
    static double normal(long seed, int org, int purpose) {
        double u1 = uniform(seed, org, 2 * purpose + 1_000_001);
        double u2 = uniform(seed, org, 2 * purpose + 1_000_002);
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
