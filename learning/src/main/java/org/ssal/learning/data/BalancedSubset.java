package org.ssal.learning.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ssal.learning.seed.SeedDerivation;

/**
 * A seeded, class-balanced subset of a labelled split, used for {@link DatasetSpec#maxTrain()}
 * and {@link DatasetSpec#maxTest()} caps.
 *
 * <p>Samples are taken round-robin over the classes (in a seeded class order), each class
 * yielding its samples in a seeded order, until the cap is reached. Hence per-class counts differ
 * by at most one unless a class runs out, the same seed always gives the same subset, and a larger
 * cap with the same seed contains every sample of a smaller one.
 */
public final class BalancedSubset {
    private BalancedSubset() {
    }

    /**
     * Positions (ascending) of at most {@code cap} samples; {@code cap <= 0} or a cap at least the
     * split's size selects everything.
     *
     * @param labels     label of each sample, in [0, numClasses)
     * @param numClasses number of classes
     * @param cap        largest subset size, 0 = no cap
     * @param seed       seed of the selection
     */
    public static int[] select(int[] labels, int numClasses, int cap, long seed) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("numClasses must be > 0, got " + numClasses);
        }
        if (cap <= 0 || cap >= labels.length) {
            int[] all = new int[labels.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " outside [0, " + numClasses + ")");
            }
            counts[labels[i]]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        // one stream per class: the order within a class does not change when other classes change
        for (int c = 0; c < numClasses; c++) {
            shuffle(byClass[c], new SplittableRandom(SeedDerivation.derive(seed, c)));
        }
        int[] classOrder = new int[numClasses];
        Arrays.setAll(classOrder, c -> c);
        shuffle(classOrder, new SplittableRandom(SeedDerivation.derive(seed, -1L)));

        int[] chosen = new int[cap];
        int taken = 0;
        int[] next = new int[numClasses];
        while (taken < cap) {
            for (int c : classOrder) {
                if (taken < cap && next[c] < byClass[c].length) {
                    chosen[taken++] = byClass[c][next[c]++];
                }
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
