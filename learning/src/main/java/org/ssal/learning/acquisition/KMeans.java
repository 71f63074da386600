package org.ssal.learning.acquisition;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur &amp; Vassilvitskii 2007), seeded, exact
 * (every point against every centroid, O(n·k·d) per iteration), for {@link TypiClustStrategy}.
 * Centroid sums are in double and sequential, and each row's nearest centroid (computed in
 * parallel) does not depend on other rows, so the clustering depends only on the rows, k and the
 * random stream. An emptied cluster keeps its previous centroid.
 */
final class KMeans {
    private KMeans() {
    }

    /** Cluster index of every row. */
    static int[] fit(float[][] x, int k, int maxIterations, SplittableRandom rng) {
        int n = x.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
        }
        int d = x[0].length;
        float[][] centroids = seed(x, k, rng);
        int[] assignment = new int[n];
        java.util.Arrays.fill(assignment, -1);
        for (int iter = 0; iter < maxIterations; iter++) {
            // each row's nearest centroid is computed on its own, so parallel rows give the same result
            int[] next = java.util.stream.IntStream.range(0, n).parallel().map(i -> nearest(x[i], centroids)).toArray();
            boolean changed = !java.util.Arrays.equals(next, assignment);
            System.arraycopy(next, 0, assignment, 0, n);
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                double[] s = sums[assignment[i]];
                for (int j = 0; j < d; j++) {
                    s[j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centroids[c][j] = (float) (sums[c][j] / counts[c]);
                    }
                }
            }
        }
        return assignment;
    }

    /** k-means++: first centroid uniform, each next one drawn with probability ∝ D(x)². */
    private static float[][] seed(float[][] x, int k, SplittableRandom rng) {
        int n = x.length;
        float[][] centroids = new float[k][];
        centroids[0] = x[rng.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = KCenterGreedy.squaredDistance(x[i], centroids[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int chosen;
            if (total <= 0) {
                chosen = rng.nextInt(n); // all points coincide with centroids already
            } else {
                double target = rng.nextDouble() * total;
                chosen = n - 1;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d2[i];
                    if (acc > target) {
                        chosen = i;
                        break;
                    }
                }
            }
            centroids[c] = x[chosen].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], KCenterGreedy.squaredDistance(x[i], centroids[c]));
            }
        }
        return centroids;
    }

    static int nearest(float[] row, float[][] centroids) {
        int best = 0;
        float bestDist = Float.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            float dist = KCenterGreedy.squaredDistance(row, centroids[c]);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }
}
