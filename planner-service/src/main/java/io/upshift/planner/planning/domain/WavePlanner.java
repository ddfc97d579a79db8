package io.upshift.planner.planning.domain;

import io.upshift.planner.campaign.domain.CampaignSpec.Canary;
import io.upshift.planner.campaign.domain.CampaignSpec.Strategy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the eligible orgs into waves: one wave per pilot list (in the strategy's order), all sandboxes
 * (if asked), then the canary, then the ramp (the rest at once, doubling waves, or waves ending at
 * cumulative percentages), and last the chronic orgs (when the strategy sets them apart). Waves are
 * rank ranges of their pool, so every eligible org falls into exactly one wave, and a wave never
 * holds zero orgs. See DESIGN.md.
 */
public final class WavePlanner {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private WavePlanner() {
    }

    /**
     * @param sandboxes eligible orgs of the SANDBOXES pool (0 unless the strategy takes sandboxes first)
     * @param main eligible orgs of the MAIN pool
     */
    public static List<WaveSlot> plan(Strategy strategy, long sandboxes, long main) {
        return plan(strategy, List.of(), sandboxes, main, 0);
    }

    /**
     * @param pilots eligible orgs of each of the strategy's pilot lists, in the strategy's order (an org on
     *        several lists counted in the first); a list without eligible orgs gets no wave
     * @param sandboxes eligible orgs of the SANDBOXES pool (0 unless the strategy takes sandboxes first)
     * @param main eligible orgs of the MAIN pool
     * @param chronic eligible chronic orgs set apart for a last wave (0 unless the strategy puts them last)
     */
    public static List<WaveSlot> plan(Strategy strategy, List<Long> pilots, long sandboxes, long main, long chronic) {
        List<WaveSlot> waves = new ArrayList<>();
        long pilotRank = 0;
        for (int i = 0; i < pilots.size(); i++) {
            long n = pilots.get(i);
            if (n > 0) {
                String list = i < strategy.pilotWaves().size() ? strategy.pilotWaves().get(i).list() : null;
                waves.add(new WaveSlot(waves.size() + 1, WaveKind.PILOT, Pool.PILOT, pilotRank, pilotRank + n, list));
                pilotRank += n;
            }
        }
        cut(strategy, sandboxes, main, waves);
        if (chronic > 0) {
            waves.add(new WaveSlot(waves.size() + 1, WaveKind.CHRONIC, Pool.CHRONIC, 0, chronic));
        }
        return waves;
    }

    private static void cut(Strategy strategy, long sandboxes, long main, List<WaveSlot> waves) {
        if (sandboxes > 0) {
            waves.add(new WaveSlot(waves.size() + 1, WaveKind.SANDBOX, Pool.SANDBOXES, 0, sandboxes));
        }
        if (main <= 0) {
            return;
        }
        long position = 0;
        long canarySize = 0;
        if (strategy.canary() != null) {
            canarySize = canarySize(strategy.canary(), main);
            waves.add(new WaveSlot(waves.size() + 1, WaveKind.CANARY, Pool.MAIN, 0, canarySize));
            position = canarySize;
        }
        switch (strategy.ramp().type()) {
            case SINGLE -> {
                if (position < main) {
                    waves.add(new WaveSlot(waves.size() + 1, WaveKind.RAMP, Pool.MAIN, position, main));
                }
            }
            case DOUBLING -> {
                long size = Math.max(1, canarySize);
                while (position < main) {
                    size = size > main ? main : size * 2;
                    long end = Math.min(main, position + size);
                    waves.add(new WaveSlot(waves.size() + 1, WaveKind.RAMP, Pool.MAIN, position, end));
                    position = end;
                }
            }
            case PERCENTAGES -> {
                for (BigDecimal percent : strategy.ramp().percentages()) {
                    long end = Math.min(main, ceilPercent(main, percent));
                    if (end > position) {
                        waves.add(new WaveSlot(waves.size() + 1, WaveKind.RAMP, Pool.MAIN, position, end));
                        position = end;
                    }
                }
                if (position < main) {
                    waves.add(new WaveSlot(waves.size() + 1, WaveKind.RAMP, Pool.MAIN, position, main));
                }
            }
        }
    }

    static long canarySize(Canary canary, long main) {
        long size = canary.count() != null ? canary.count() : ceilPercent(main, canary.percent());
        return Math.max(1, Math.min(main, size));
    }

    static long ceilPercent(long n, BigDecimal percent) {
        return BigDecimal.valueOf(n).multiply(percent).divide(HUNDRED, 0, RoundingMode.CEILING).longValueExact();
    }
}
