package io.upshift.bench.makespan;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Schedules one pod's pushes into {@code cap} slots with no overhead at all: each push, in a given
 * order, starts the moment a slot is free. Two orders: the one the planner really released them in
 * (what an ideal dispatcher that, like any real one, does not know a push's duration before it
 * ends could reach in that order), and longest first (knowing every duration in advance — the
 * classic LPT rule, within 4/3 of the optimum). The lower bound of ISSUE-8 ignores that the last
 * pushes to start can be long ones; these two show how much of a measured gap that alone explains.
 */
final class PodSchedule {

    private PodSchedule() {
    }

    /** Pushes as {start, duration}; the makespan with the pushes taken in order of their real start. */
    static double inStartOrder(List<double[]> pushes, int cap) {
        List<double[]> ordered = pushes.stream().sorted(Comparator.comparingDouble(p -> p[0])).toList();
        return schedule(ordered, cap);
    }

    /** The makespan with the longest push first. */
    static double longestFirst(List<double[]> pushes, int cap) {
        List<double[]> ordered = pushes.stream().sorted(Comparator.comparingDouble((double[] p) -> p[1]).reversed())
                .toList();
        return schedule(ordered, cap);
    }

    private static double schedule(List<double[]> ordered, int cap) {
        PriorityQueue<Double> slotsFreeAt = new PriorityQueue<>();
        for (int i = 0; i < cap; i++) {
            slotsFreeAt.add(0.0);
        }
        double makespan = 0;
        for (double[] push : ordered) {
            double end = slotsFreeAt.poll() + push[1];
            slotsFreeAt.add(end);
            makespan = Math.max(makespan, end);
        }
        return makespan;
    }
}
