package org.ssal.learning.round;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Round 0 of every campaign: a seeded uniform random sample of the pool, as in the paper ("the
 * initial labeled set is selected randomly"), identical for every strategy given the same seed,
 * so strategies are compared from the same start.
 */
public final class InitialSet {
    private InitialSet() {
    }

    /** {@code size} distinct ids of {@code poolIds} (all of them when size exceeds the pool), in pick order. */
    public static List<String> pick(List<String> poolIds, int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("initial set size must be >= 0, got " + size);
        }
        List<String> shuffled = new ArrayList<>(poolIds);
        SplittableRandom random = new SplittableRandom(seed);
        int n = Math.min(size, shuffled.size());
        // partial Fisher-Yates: the first n positions are a uniform sample without replacement
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(shuffled.size() - i);
            String tmp = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, tmp);
        }
        return List.copyOf(shuffled.subList(0, n));
    }
}
