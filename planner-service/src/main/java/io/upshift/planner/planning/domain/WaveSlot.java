package io.upshift.planner.planning.domain;

/**
 * One planned wave: the orgs of {@code pool} ranked {@code fromRank} (inclusive) to {@code toRank}
 * (exclusive).
 *
 * @param pilotList the pilot list whose orgs the wave holds (PILOT waves only, else null)
 */
public record WaveSlot(int number, WaveKind kind, Pool pool, long fromRank, long toRank, String pilotList) {

    public WaveSlot {
        if (number < 1 || fromRank < 0 || toRank <= fromRank) {
            throw new IllegalArgumentException("a wave holds at least one org: " + fromRank + ".." + toRank);
        }
    }

    public WaveSlot(int number, WaveKind kind, Pool pool, long fromRank, long toRank) {
        this(number, kind, pool, fromRank, toRank, null);
    }

    public long size() {
        return toRank - fromRank;
    }

    public boolean holds(Pool p, long rank) {
        return pool == p && rank >= fromRank && rank < toRank;
    }
}
