package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KCenterGreedyStrategyTest {

    /** Farthest-first by definition: O(n²) in double, ties to the smaller id. */
    static List<String> naive(SelectionContext ctx, int k, String first) {
        List<float[]> centers = new ArrayList<>(List.of(ctx.labeledEmbeddings()));
        List<String> picked = new ArrayList<>();
        if (first != null) {
            picked.add(first);
            centers.add(ctx.poolEmbeddings()[ctx.poolIds().indexOf(first)]);
        }
        while (picked.size() < k) {
            String bestId = null;
            double best = -1;
            for (int i = 0; i < ctx.poolIds().size(); i++) {
                String id = ctx.poolIds().get(i);
                if (picked.contains(id)) {
                    continue;
                }
                double nearest = Double.POSITIVE_INFINITY;
                for (float[] c : centers) {
                    double d = 0;
                    for (int j = 0; j < c.length; j++) {
                        double e = (double) ctx.poolEmbeddings()[i][j] - c[j];
                        d += e * e;
                    }
                    nearest = Math.min(nearest, d);
                }
                if (nearest > best || (nearest == best && id.compareTo(bestId) < 0)) {
                    best = nearest;
                    bestId = id;
                }
            }
            picked.add(bestId);
            centers.add(ctx.poolEmbeddings()[ctx.poolIds().indexOf(bestId)]);
        }
        return picked;
    }

    @Test
    void shouldMatchNaiveFarthestFirstWhenEmbeddingsAreRandom() {
        SelectionContext ctx = Fixtures.randomContext(200, 7, 13, 51);
        Selection s = new KCenterGreedyStrategy().select(ctx, 25);
        assertEquals(naive(ctx, 25, null), s.ids());
        for (int r = 1; r < 25; r++) {
            assertTrue(s.scores()[r] <= s.scores()[r - 1], "distances must not increase");
        }
    }

    @Test
    void shouldBreakTiesBySmallerIdWhenDistancesAreEqual() {
        // integer grid coordinates: exact arithmetic and many equal distances
        SplittableRandom rng = new SplittableRandom(52);
        float[][] pool = new float[80][3];
        for (float[] row : pool) {
            for (int j = 0; j < 3; j++) {
                row[j] = rng.nextInt(4);
            }
        }
        float[][] labeled = {{0, 0, 0}, {3, 3, 3}};
        SelectionContext ctx = Fixtures.context(Fixtures.shuffledIds("p", 80, 53), pool, List.of("l0", "l1"), labeled, null, 0, 0);
        assertEquals(naive(ctx, 30, null), new KCenterGreedyStrategy().select(ctx, 30).ids());
    }

    @Test
    void shouldStartFromSeededPoolSampleWhenNothingIsLabeled() {
        SelectionContext base = Fixtures.randomContext(120, 0, 6, 54);
        Set<String> starts = new HashSet<>();
        for (long seed = 0; seed < 6; seed++) {
            SelectionContext ctx = Fixtures.withSeed(base, seed, 0);
            Selection s = new KCenterGreedyStrategy().select(ctx, 10);
            assertTrue(Double.isNaN(s.scores()[0]));
            assertEquals(naive(ctx, 10, s.ids().get(0)), s.ids());
            starts.add(s.ids().get(0));
        }
        assertTrue(starts.size() > 1, "different seeds should start from different samples");
    }

    @Test
    void shouldGiveSameResultWhenRunSequentiallyOrInParallel() {
        SplittableRandom rng = new SplittableRandom(55);
        float[][] pool = Fixtures.gaussianRows(9000, 16, 0, rng); // several chunks
        float[][] labeled = Fixtures.gaussianRows(3, 16, 0, rng);
        int[] rank = new int[pool.length];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i;
        }
        KCenterGreedy.Result a = KCenterGreedy.run(pool, labeled, 40, -1, rank, true);
        KCenterGreedy.Result b = KCenterGreedy.run(pool, labeled, 40, -1, rank, false);
        assertArrayEquals(a.picked(), b.picked());
        assertArrayEquals(a.distances(), b.distances(), 0.0);
    }
}
