package io.upshift.fleet.world;

import java.util.Comparator;

/** Package versions compared numerically, part by part: 4.10.0 is newer than 4.9.3. */
final class Versions {

    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    static int compare(String left, String right) {
        String[] a = left.strip().split("\\.");
        String[] b = right.strip().split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "0";
            String y = i < b.length ? b[i] : "0";
            int order = comparePart(x, y);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static int comparePart(String x, String y) {
        try {
            return Long.compare(Long.parseLong(x), Long.parseLong(y));
        } catch (NumberFormatException e) {
            return x.compareTo(y);
        }
    }
}
