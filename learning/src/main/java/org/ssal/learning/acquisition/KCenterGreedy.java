package org.ssal.learning.acquisition;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Greedy k-center (farthest-first traversal, Gonzalez 1985), the selection rule of CoreSet
 * (Sener &amp; Savarese 2018, Algorithm 1 "k-Center-Greedy": "choose u = argmax_{i ∈ [n] \ s}
 * min_{j ∈ s} Δ(x_i, x_j)"), over squared Euclidean distances of float embeddings.
 *
 * <p>It keeps, for every pool row, the squared distance to its nearest center and updates it
 * after each pick with the one new center, so each of the k steps streams the pool matrix once:
 * the work is k·n·d and the step is bound by memory bandwidth. Rows are split into fixed chunks
 * processed in parallel; every chunk does the same float arithmetic in the same order whatever
 * the thread count, and the arg-max is reduced with a fixed tie rule (larger distance, then the
 * smaller tie rank), so the result is identical on any machine.
 */
public final class KCenterGreedy {
    private static final int CHUNK = 2048;
    private static final int TILE = 16;

    /**
     * @param picked    pool row indices in pick order
     * @param distances Euclidean distance of each pick to its nearest center when it was picked
     *                  (NaN for a start row chosen without any center)
     */
    public record Result(int[] picked, double[] distances) {
    }

    private KCenterGreedy() {
    }

    /**
     * Picks {@code k} distinct rows of {@code pool}, farthest-first from {@code centers}.
     *
     * @param pool     candidate rows, all of one dimension
     * @param centers  rows already covered (the labeled set); may be empty
     * @param k        how many to pick, at most pool.length
     * @param start    row picked first when {@code centers} is empty (ignored otherwise)
     * @param tieRank  a distinct rank per pool row; equal distances go to the lower rank
     * @param parallel whether to spread chunks over the common fork-join pool
     */
    public static Result run(float[][] pool, float[][] centers, int k, int start, int[] tieRank, boolean parallel) {
        int n = pool.length;
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "], got " + k);
        }
        if (tieRank.length != n) {
            throw new IllegalArgumentException("tieRank has " + tieRank.length + " entries for " + n + " pool rows");
        }
        int[] picked = new int[k];
        double[] distances = new double[k];
        if (k == 0) {
            return new Result(picked, distances);
        }
        float[] minDist = new float[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        int[] chunkBest = new int[chunks];
        int from = 0;
        if (centers.length == 0) {
            if (start < 0 || start >= n) {
                throw new IllegalArgumentException("start must be in [0, " + n + ") when there are no centers, got " + start);
            }
            Arrays.fill(minDist, Float.POSITIVE_INFINITY);
            picked[0] = start;
            distances[0] = Double.NaN;
            minDist[start] = -1f; // taken rows sit below every real distance and never win again
            from = 1;
            update(pool, pool[start], minDist, chunkBest, tieRank, chunks, parallel);
        } else {
            initialise(pool, centers, minDist, chunkBest, tieRank, chunks, parallel);
        }
        for (int step = from; step < k; step++) {
            int best = reduce(chunkBest, minDist, tieRank);
            picked[step] = best;
            distances[step] = Math.sqrt(minDist[best]);
            minDist[best] = -1f;
            if (step + 1 < k) {
                update(pool, pool[best], minDist, chunkBest, tieRank, chunks, parallel);
            }
        }
        return new Result(picked, distances);
    }

    /** minDist[i] = min(minDist[i], |pool[i] - center|²) and each chunk's arg-max. */
    private static void update(float[][] pool, float[] center, float[] minDist, int[] chunkBest, int[] tieRank,
                               int chunks, boolean parallel) {
        IntStream range = IntStream.range(0, chunks);
        (parallel ? range.parallel() : range).forEach(ch -> {
            int lo = ch * CHUNK;
            int hi = Math.min(lo + CHUNK, pool.length);
            int best = -1;
            for (int i = lo; i < hi; i++) {
                float current = minDist[i];
                if (current >= 0f) {
                    float d = squaredDistance(pool[i], center);
                    if (d < current) {
                        current = d;
                        minDist[i] = d;
                    }
                }
                if (best < 0 || better(current, tieRank[i], minDist[best], tieRank[best])) {
                    best = i;
                }
            }
            chunkBest[ch] = best;
        });
    }

    /** Distance of every pool row to its nearest center, tiled so a block of pool rows stays in cache. */
    private static void initialise(float[][] pool, float[][] centers, float[] minDist, int[] chunkBest, int[] tieRank,
                                   int chunks, boolean parallel) {
        IntStream range = IntStream.range(0, chunks);
        (parallel ? range.parallel() : range).forEach(ch -> {
            int lo = ch * CHUNK;
            int hi = Math.min(lo + CHUNK, pool.length);
            for (int t = lo; t < hi; t += TILE) {
                int tileEnd = Math.min(t + TILE, hi);
                for (int i = t; i < tileEnd; i++) {
                    minDist[i] = Float.POSITIVE_INFINITY;
                }
                for (float[] c : centers) {
                    for (int i = t; i < tileEnd; i++) {
                        float d = squaredDistance(pool[i], c);
                        if (d < minDist[i]) {
                            minDist[i] = d;
                        }
                    }
                }
            }
            int best = lo;
            for (int i = lo + 1; i < hi; i++) {
                if (better(minDist[i], tieRank[i], minDist[best], tieRank[best])) {
                    best = i;
                }
            }
            chunkBest[ch] = best;
        });
    }

    private static int reduce(int[] chunkBest, float[] minDist, int[] tieRank) {
        int best = chunkBest[0];
        for (int ch = 1; ch < chunkBest.length; ch++) {
            int candidate = chunkBest[ch];
            if (better(minDist[candidate], tieRank[candidate], minDist[best], tieRank[best])) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean better(float dist, int rank, float otherDist, int otherRank) {
        return dist > otherDist || (dist == otherDist && rank < otherRank);
    }

    /** |a - b|² in float with four independent sums, so the loop is not one long dependency chain. */
    static float squaredDistance(float[] a, float[] b) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int d = a.length;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            float e0 = a[j] - b[j];
            float e1 = a[j + 1] - b[j + 1];
            float e2 = a[j + 2] - b[j + 2];
            float e3 = a[j + 3] - b[j + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; j < d; j++) {
            float e = a[j] - b[j];
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
