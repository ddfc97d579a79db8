package io.upshift.fleet.world;

/**
 * Deterministic randomness: the same seed and the same words always give the same number, in
 * any JVM and in any order of calls. That is what lets several executor replicas, or a re-run,
 * agree on how each org's push goes without sharing a random generator.
 */
final class Dice {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Dice() {
    }

    /** A number in [0, 1) drawn from the seed and the words. */
    static double uniform(long seed, Object... words) {
        long hash = FNV_OFFSET ^ seed;
        for (Object word : words) {
            String text = String.valueOf(word);
            for (int i = 0; i < text.length(); i++) {
                hash = (hash ^ text.charAt(i)) * FNV_PRIME;
            }
            hash = (hash ^ 0x1f) * FNV_PRIME; // separates ("ab","c") from ("a","bc")
        }
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    /** A standard-normal number drawn from the seed and the words (Box–Muller on two uniforms). */
    static double normal(long seed, Object... words) {
        Object[] first = append(words, "u1");
        Object[] second = append(words, "u2");
        double u1 = Math.max(uniform(seed, first), Double.MIN_NORMAL);
        double u2 = uniform(seed, second);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static Object[] append(Object[] words, Object last) {
        Object[] copy = java.util.Arrays.copyOf(words, words.length + 1);
        copy[words.length] = last;
        return copy;
    }

    /** SplitMix64's finaliser: spreads FNV's weak low bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
