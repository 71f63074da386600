package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pruned farthest-first traversal picks exactly what the naive rule picks. */
class KCenterGreedyTest {
    /** The naive rule: every row's distance to every center, recomputed; ties to the lower rank. */
    static int[] bruteForce(float[][] pool, float[][] centers, int k, int start, int[] rank) {
        int n = pool.length;
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] taken = new boolean[n];
        int[] picked = new int[k];
        int from = 0;
        java.util.List<float[]> all = new java.util.ArrayList<>(java.util.List.of(centers));
        if (centers.length == 0) {
            picked[0] = start;
            taken[start] = true;
            all.add(pool[start]);
            from = 1;
        }
        for (int step = from; step < k; step++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double m = Double.POSITIVE_INFINITY;
                for (float[] c : all) {
                    m = Math.min(m, SquaredDistance.SCALAR.of(pool[i], c));
                }
                nearest[i] = m;
                if (best < 0 || m > nearest[best] || (m == nearest[best] && rank[i] < rank[best])) {
                    best = i;
                }
            }
            picked[step] = best;
            taken[best] = true;
            all.add(pool[best]);
        }
        return picked;
    }

    /** Points around a few cluster centres, as encoders' embeddings are. */
    static float[][] clustered(int n, int d, int clusters, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] means = new float[clusters][d];
        for (float[] mean : means) {
            for (int j = 0; j < d; j++) {
                mean[j] = (float) (random.nextGaussian() * 10);
            }
        }
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] mean = means[random.nextInt(clusters)];
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (mean[j] + random.nextGaussian() * spread);
            }
        }
        return rows;
    }

    static int[] shuffledRanks(int n, long seed) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        return rank;
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksOnClusteredDataWhileSkippingMostEvaluations() {
        for (long seed = 1; seed <= 3; seed++) {
            float[][] pool = clustered(3000, 12, 20, 1.0, seed);
            float[][] labeled = clustered(5, 12, 20, 1.0, seed + 100);
            int[] rank = shuffledRanks(pool.length, seed);
            KCenterGreedy.Result result = KCenterGreedy.run(pool, labeled, 80, -1, rank, true);
            assertArrayEquals(bruteForce(pool, labeled, 80, -1, rank), result.picked(), "seed " + seed);
            assertTrue(result.skippedFraction() > 0.5, "pruning skipped only " + result.skippedFraction());
        }
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksUntilThePoolIsEmptyFromManyLabeledCenters() {
        // every row picked: rows put back half brought up to date must still come out in the naive order
        for (long seed = 4; seed <= 5; seed++) {
            float[][] pool = clustered(400, 17, 6, 0.5, seed);
            float[][] labeled = clustered(300, 17, 6, 0.5, seed + 100);
            int[] rank = shuffledRanks(pool.length, seed);
            KCenterGreedy.Result result = KCenterGreedy.run(pool, labeled, pool.length, -1, rank, seed == 4);
            assertArrayEquals(bruteForce(pool, labeled, pool.length, -1, rank), result.picked(), "seed " + seed);
        }
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksOnWideRowsSkippedByTheirProjection() {
        // wide rows in a large pool: centers skipped by a few principal coordinates, center gaps bounded
        // from them, distances that stop once their partial sums reach the row's bound
        for (long seed = 6; seed <= 7; seed++) {
            float[][] pool = clustered(2500, 160, 15, 2.0, seed);
            float[][] labeled = clustered(40, 160, 15, 2.0, seed + 100);
            int[] rank = shuffledRanks(pool.length, seed);
            KCenterGreedy.Result result = KCenterGreedy.run(pool, labeled, 100, -1, rank, seed == 6);
            assertArrayEquals(bruteForce(pool, labeled, 100, -1, rank), result.picked(), "seed " + seed);
        }
        SplittableRandom random = new SplittableRandom(8);
        float[][] binary = new float[2100][136]; // many rows at equal distances: skips and stops exactly at ties
        for (float[] row : binary) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(8) == 0 ? 1 : 0;
            }
        }
        int[] rank = shuffledRanks(binary.length, 8);
        KCenterGreedy.Result result = KCenterGreedy.run(binary, new float[0][], 150, 3, rank, false);
        assertArrayEquals(bruteForce(binary, new float[0][], 150, 3, rank), result.picked());
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksOnWideRowsThatVaryInFewDirectionsOrNone() {
        SplittableRandom random = new SplittableRandom(12);
        float[][] lowRank = new float[2200][140]; // rank 5: most principal directions are undefined
        float[][] basis = clustered(5, 140, 5, 1.0, 13);
        for (float[] row : lowRank) {
            for (float[] direction : basis) {
                double weight = random.nextGaussian();
                for (int j = 0; j < row.length; j++) {
                    row[j] += (float) (weight * direction[j]);
                }
            }
        }
        int[] rank = shuffledRanks(lowRank.length, 12);
        assertArrayEquals(bruteForce(lowRank, new float[0][], 60, 0, rank),
                KCenterGreedy.run(lowRank, new float[0][], 60, 0, rank, true).picked());
        float[][] same = new float[2200][140]; // all rows equal: every distance ties at 0
        for (float[] row : same) {
            java.util.Arrays.fill(row, 0.5f);
        }
        assertArrayEquals(bruteForce(same, new float[0][], 60, 7, rank),
                KCenterGreedy.run(same, new float[0][], 60, 7, rank, false).picked());
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksWithDuplicatesAndTies() {
        // integer coordinates: exact distances, many ties and exact duplicate rows
        SplittableRandom random = new SplittableRandom(9);
        float[][] pool = new float[600][4];
        for (float[] row : pool) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(5);
            }
        }
        int[] rank = shuffledRanks(pool.length, 10);
        for (int start : new int[] {0, 17, 599}) {
            KCenterGreedy.Result result = KCenterGreedy.run(pool, new float[0][], 120, start, rank, false);
            assertArrayEquals(bruteForce(pool, new float[0][], 120, start, rank), result.picked(), "start " + start);
        }
    }

    @Test
    void shouldPickExactlyWhatTheNaiveRulePicksOnUniformRandomData() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] pool = new float[1500][32];
        for (float[] row : pool) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextDouble();
            }
        }
        int[] rank = shuffledRanks(pool.length, 4);
        KCenterGreedy.Result result = KCenterGreedy.run(pool, new float[0][], 60, 5, rank, true);
        assertArrayEquals(bruteForce(pool, new float[0][], 60, 5, rank), result.picked());
        assertEquals(59L * pool.length, result.naiveEvaluations(), "one pass per center added: the start and 58 picks");
        assertTrue(result.evaluations() <= result.naiveEvaluations());
    }

    @Test
    void shouldReportDistancesOfThePicksToTheirNearestCenter() {
        float[][] pool = {{0, 0}, {3, 4}, {6, 8}, {1, 0}};
        KCenterGreedy.Result result = KCenterGreedy.run(pool, new float[0][], 3, 0, new int[] {0, 1, 2, 3}, false);
        assertArrayEquals(new int[] {0, 2, 1}, result.picked());
        assertTrue(Double.isNaN(result.distances()[0]));
        assertEquals(10.0, result.distances()[1], 1e-12);
        assertEquals(5.0, result.distances()[2], 1e-12);
    }
}
