package org.ssal.learning.acquisition;

/**
 * The rows of {@link KCenterGreedy} by their bound, largest first, equal bounds by the lower tie
 * rank: a binary max-heap of primitives with each entry's key and rank stored beside it, so that
 * comparisons read neighbouring memory instead of boxed indices into the bound array, and a row
 * brought up to date is put back by sifting the top down instead of a removal and an insertion.
 */
final class FarthestFirstHeap {
    private final int[] rows;
    private final double[] keys;
    private final int[] ranks;
    private int size;

    FarthestFirstHeap(int capacity) {
        rows = new int[capacity];
        keys = new double[capacity];
        ranks = new int[capacity];
    }

    int size() {
        return size;
    }

    void add(int row, double key, int rank) {
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(key, rank, keys[parent], ranks[parent])) {
                break;
            }
            move(parent, at);
            at = parent;
        }
        set(at, row, key, rank);
    }

    /** The row on top: the largest bound. */
    int top() {
        return rows[0];
    }

    /**
     * Whether {@code key} (of the top row, whose rank is {@code rank}) would no longer be on top:
     * it falls behind the better of the top's two children.
     */
    boolean topWouldSink(double key, int rank) {
        int child = betterChild(0);
        return child >= 0 && before(keys[child], ranks[child], key, rank);
    }

    /** Gives the top row a new, not larger key and restores the heap order. */
    void replaceTopKey(double key) {
        int row = rows[0];
        int rank = ranks[0];
        int at = 0;
        while (true) {
            int child = betterChild(at);
            if (child < 0 || !before(keys[child], ranks[child], key, rank)) {
                break;
            }
            move(child, at);
            at = child;
        }
        set(at, row, key, rank);
    }

    /** Removes the top row. */
    void removeTop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        int row = rows[last];
        double key = keys[last];
        int rank = ranks[last];
        set(0, row, key, rank);
        replaceTopKey(key);
    }

    /** The child of {@code at} that goes first, or −1 when it has none. */
    private int betterChild(int at) {
        int left = 2 * at + 1;
        if (left >= size) {
            return -1;
        }
        int right = left + 1;
        return right < size && before(keys[right], ranks[right], keys[left], ranks[left]) ? right : left;
    }

    /** Whether an entry with (key, rank) goes before one with (otherKey, otherRank). */
    static boolean before(double key, int rank, double otherKey, int otherRank) {
        return key > otherKey || (key == otherKey && rank < otherRank);
    }

    private void move(int from, int to) {
        set(to, rows[from], keys[from], ranks[from]);
    }

    private void set(int at, int row, double key, int rank) {
        rows[at] = row;
        keys[at] = key;
        ranks[at] = rank;
    }
}
