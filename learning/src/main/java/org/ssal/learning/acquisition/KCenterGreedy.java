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
 * the work is k·n·d and a step is bound by memory bandwidth. To let the JIT use SIMD, the pool is
 * copied once into blocks of {@value #CHUNK} rows stored column by column: the distance loop then
 * runs over rows ({@code dist[i] += (x[j][i] - c[j])²}), contiguous and free of a reduction, which
 * C2 vectorises, whereas a per-row dot-product reduction stays scalar. The copy costs one more
 * n·d floats of memory. Blocks are processed in parallel; every block does the same float
 * arithmetic in the same order whatever the thread count, and the arg-max is reduced with a fixed
 * tie rule (larger distance, then the smaller tie rank), so the result is identical on any
 * machine. Differences are taken in float and their squares summed in double: a float sum over
 * 512 dimensions in index order drifted enough to swap near-tied picks against numpy's pairwise
 * float32 sum in the benchmark, and double costs nothing while the step is memory bound.
 */
public final class KCenterGreedy {
    private static final int CHUNK = 256; // 256 rows × 512 dims × 4 B = 512 KiB: a block stays in L2

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
     * @param parallel whether to spread blocks over the common fork-join pool
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
        if (centers.length == 0 && (start < 0 || start >= n)) {
            throw new IllegalArgumentException("start must be in [0, " + n + ") when there are no centers, got " + start);
        }
        int d = pool[0].length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        float[][] blocks = new float[chunks][];
        forEachChunk(chunks, parallel, ch -> blocks[ch] = columnBlock(pool, ch * CHUNK, Math.min(n, ch * CHUNK + CHUNK), d));
        double[] minDist = new double[n];
        java.util.Arrays.fill(minDist, Double.POSITIVE_INFINITY);
        int[] chunkBest = new int[chunks];
        int from = 0;
        if (centers.length == 0) {
            picked[0] = start;
            distances[0] = Double.NaN;
            minDist[start] = -1; // taken rows sit below every real distance and never win again
            from = 1;
            update(blocks, new float[][] {pool[start]}, minDist, chunkBest, tieRank, d, parallel);
        } else {
            update(blocks, centers, minDist, chunkBest, tieRank, d, parallel);
        }
        for (int step = from; step < k; step++) {
            int best = reduce(chunkBest, minDist, tieRank);
            picked[step] = best;
            distances[step] = Math.sqrt(minDist[best]);
            minDist[best] = -1;
            if (step + 1 < k) {
                update(blocks, new float[][] {pool[best]}, minDist, chunkBest, tieRank, d, parallel);
            }
        }
        return new Result(picked, distances);
    }

    private static void forEachChunk(int chunks, boolean parallel, java.util.function.IntConsumer body) {
        IntStream range = IntStream.range(0, chunks);
        (parallel ? range.parallel() : range).forEach(body);
    }

    /** Rows [lo, hi) stored column-major: element (i, j) at j * (hi - lo) + (i - lo). */
    private static float[] columnBlock(float[][] pool, int lo, int hi, int d) {
        int len = hi - lo;
        float[] block = new float[len * d];
        for (int i = lo; i < hi; i++) {
            float[] row = pool[i];
            if (row.length != d) {
                throw new IllegalArgumentException("pool row " + i + " has dim " + row.length + ", expected " + d);
            }
            for (int j = 0; j < d; j++) {
                block[j * len + (i - lo)] = row[j];
            }
        }
        return block;
    }

    /**
     * minDist[i] = min(minDist[i], min over the new centers of |pool[i] - center|²) and each
     * block's arg-max. All centers are applied to one block before the next, so a block is read
     * from memory once per call however many centers there are.
     */
    private static void update(float[][] blocks, float[][] centers, double[] minDist, int[] chunkBest, int[] tieRank,
                               int d, boolean parallel) {
        forEachChunk(blocks.length, parallel, ch -> {
            float[] block = blocks[ch];
            int len = block.length / d;
            int lo = ch * CHUNK;
            double[] dist = new double[len];
            for (float[] center : centers) {
                squaredDistances(block, len, center, dist);
                for (int r = 0; r < len; r++) {
                    if (dist[r] < minDist[lo + r]) { // taken rows hold -1 and stay there
                        minDist[lo + r] = dist[r];
                    }
                }
            }
            int best = lo;
            for (int i = lo + 1; i < lo + len; i++) {
                if (better(minDist[i], tieRank[i], minDist[best], tieRank[best])) {
                    best = i;
                }
            }
            chunkBest[ch] = best;
        });
    }

    /**
     * dist[r] = Σ_j (block[j][r] - center[j])², summed over j in index order. (Unrolling four
     * columns per pass measured 2-4 times slower: C2 then stopped vectorising the loop.)
     */
    static void squaredDistances(float[] block, int len, float[] center, double[] dist) {
        java.util.Arrays.fill(dist, 0.0);
        for (int j = 0; j < center.length; j++) {
            float c = center[j];
            int base = j * len;
            for (int r = 0; r < len; r++) {
                double e = block[base + r] - c;
                dist[r] += e * e;
            }
        }
    }

    private static int reduce(int[] chunkBest, double[] minDist, int[] tieRank) {
        int best = chunkBest[0];
        for (int ch = 1; ch < chunkBest.length; ch++) {
            int candidate = chunkBest[ch];
            if (better(minDist[candidate], tieRank[candidate], minDist[best], tieRank[best])) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean better(double dist, int rank, double otherDist, int otherRank) {
        return dist > otherDist || (dist == otherDist && rank < otherRank);
    }

    /** |a - b|² in float, summed in index order (as the blocked kernel does), for other users. */
    static float squaredDistance(float[] a, float[] b) {
        float s = 0f;
        for (int j = 0; j < a.length; j++) {
            float e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }
}
