package io.upshift.planner.rehearsal.domain;

import java.util.Arrays;

/**
 * A min-heap of org indexes ordered by a key the caller keeps per org (a window start, a release-by
 * instant) and then by a fixed rank: a PriorityQueue without boxing, the loop's hottest structure.
 * An org's key must not change while it is in the heap.
 */
final class IntHeap {

    private final long[] key;
    private final int[] rank;
    private int[] items = new int[16];
    private int size;

    IntHeap(long[] key, int[] rank) {
        this.key = key;
        this.rank = rank;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int peek() {
        return items[0];
    }

    void clear() {
        size = 0;
    }

    void add(int org) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(org, items[parent])) {
                break;
            }
            items[i] = items[parent];
            i = parent;
        }
        items[i] = org;
    }

    int poll() {
        int top = items[0];
        int last = items[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(items[right], items[child])) {
                child = right;
            }
            if (!less(items[child], last)) {
                break;
            }
            items[i] = items[child];
            i = child;
        }
        if (size > 0) {
            items[i] = last;
        }
        return top;
    }

    /** Orders org indexes as this heap does. */
    int compare(int a, int b) {
        int c = Long.compare(key[a], key[b]);
        return c != 0 ? c : Integer.compare(rank[a], rank[b]);
    }

    private boolean less(int a, int b) {
        return compare(a, b) < 0;
    }
}
