package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypiClustStrategyTest {

    /**
     * A plus sign: a centre and four arms with points at distance 1 and 2, plus {@code outliers}
     * points at radius 3. With K = min(20, m / 2) the centre has the smallest mean distance to
     * its K nearest neighbours, so it is the cluster's most typical point.
     */
    private static void blob(String name, float cx, float cy, int outliers, List<String> ids, List<float[]> rows) {
        ids.add(name + "-centre");
        rows.add(new float[] {cx, cy});
        int[][] arms = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (int a = 0; a < 4; a++) {
            for (int r = 1; r <= 2; r++) {
                ids.add(name + "-arm" + a + "-" + r);
                rows.add(new float[] {cx + r * arms[a][0], cy + r * arms[a][1]});
            }
        }
        for (int o = 0; o < outliers; o++) {
            ids.add(name + "-out" + o);
            rows.add(new float[] {cx + 3 * (float) Math.cos(o + 0.3), cy + 3 * (float) Math.sin(o + 0.3)});
        }
    }

    @Test
    void shouldPickCentresOfUncoveredClustersLargestFirstWhenClustersAreClear() {
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        blob("a", 0, 0, 3, ids, rows);     // 12 points, but covered by a labeled point
        blob("b", 100, 0, 2, ids, rows);   // 11 points
        blob("c", 0, 100, 0, ids, rows);   // 9 points
        float[][] labeled = {{0.1f, 0.1f}};
        SelectionContext ctx = Fixtures.context(ids, rows.toArray(new float[0][]), List.of("l0"), labeled, null, 3, 0);
        Selection s = new TypiClustStrategy().select(ctx, 2);
        assertEquals(List.of("b-centre", "c-centre"), s.ids());
    }

    @Test
    void shouldMatchBruteForceTypicalityWhenComputedOnRandomPoints() {
        SplittableRandom rng = new SplittableRandom(71);
        float[][] rows = Fixtures.gaussianRows(50, 3, 0, rng);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < 50; i += 2) {
            members.add(i); // 25 members: K = min(20, 12) = 12
        }
        double[] got = TypiClustStrategy.typicality(rows, members);
        double[] expected = new double[members.size()];
        for (int a = 0; a < members.size(); a++) {
            List<Double> d = new ArrayList<>();
            for (int b = 0; b < members.size(); b++) {
                if (a != b) {
                    double s = 0;
                    for (int j = 0; j < 3; j++) {
                        double e = rows[members.get(a)][j] - rows[members.get(b)][j];
                        s += e * e;
                    }
                    d.add(Math.sqrt(s));
                }
            }
            d.sort(Double::compare);
            expected[a] = 12 / d.subList(0, 12).stream().mapToDouble(Double::doubleValue).sum();
        }
        assertArrayEquals(expected, got, 1e-5);
    }

    @Test
    void shouldSpreadPicksOverClustersWhenKExceedsUncoveredClusters() {
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        blob("a", 0, 0, 0, ids, rows);
        blob("b", 50, 0, 0, ids, rows);
        SelectionContext ctx = Fixtures.context(ids, rows.toArray(new float[0][]), List.of(), new float[0][], null, 4, 0);
        Selection s = new TypiClustStrategy().select(ctx, 2);
        assertEquals(List.of("a-centre", "b-centre"), s.ids().stream().sorted().toList());
    }
}
