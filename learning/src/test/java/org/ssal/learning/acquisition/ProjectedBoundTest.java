package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProjectedBoundTest {
    @Test
    void shouldNeverClaimARowFarEnoughWhenItsDistanceIsBelowTheLimit() {
        for (double scale : new double[] {1e-6, 1, 1e6, 1e18}) { // 1e18: coordinates' squares overflow float
            checkBound(scaled(KCenterGreedyTest.clustered(2200, 130, 8, 0.3, 21), scale),
                    scaled(KCenterGreedyTest.clustered(50, 130, 8, 0.3, 22), scale));
        }
        // rank 3: most of the 32 directions are what rounding leaves; still a bound
        SplittableRandom random = new SplittableRandom(24);
        float[][] basis = KCenterGreedyTest.clustered(3, 130, 3, 1, 25);
        float[][] lowRank = new float[2250][130];
        for (float[] row : lowRank) {
            for (float[] direction : basis) {
                double weight = random.nextGaussian();
                for (int j = 0; j < row.length; j++) {
                    row[j] += (float) (weight * direction[j]);
                }
            }
        }
        checkBound(Arrays.copyOfRange(lowRank, 0, 2200), Arrays.copyOfRange(lowRank, 2200, 2250));
    }

    @Test
    void shouldGiveNoBoundWhenTheRowsDoNotVary() {
        float[][] same = new float[2500][140];
        for (float[] row : same) {
            Arrays.fill(row, 0.25f);
        }
        assertNull(ProjectedBound.of(same, false), "no direction is defined, so no bound");
    }

    private static void checkBound(float[][] pool, float[][] outside) {
        ProjectedBound bound = ProjectedBound.of(pool, true);
        assertNotNull(bound);
        ProjectedBound.Rows rows = new ProjectedBound.Rows(bound, pool, true);
        float[][] centers = new float[100][];
        for (int c = 0; c < centers.length; c++) {
            if (c % 2 == 0) {
                centers[c] = outside[c / 2];
                rows.addCenter(centers[c]);
            } else {
                centers[c] = pool[7 * c];
                rows.addPoolRow(7 * c);
            }
        }
        SplittableRandom random = new SplittableRandom(23);
        for (int trial = 0; trial < 3000; trial++) {
            int row = random.nextInt(pool.length);
            int center = random.nextInt(centers.length);
            double distance = SquaredDistance.of(pool[row], centers[center]);
            for (double limit : new double[] {distance * 0.5, distance * 0.99, Math.nextDown(distance), distance,
                Math.nextUp(distance), distance * 1.0001, distance * 2}) {
                if (rows.farEnough(row, center, rows.reach(row, limit))) {
                    assertTrue(distance >= limit, "row " + row + " center " + center + ": distance " + distance
                            + " below the limit " + limit + " it was claimed to reach");
                }
            }
            int other = random.nextInt(centers.length);
            if (other != center) {
                double gap = SquaredDistance.of(centers[center], centers[other]);
                double lower = rows.centerGapLowerBound(Math.min(center, other), Math.max(center, other));
                assertTrue(lower <= gap, "gap " + gap + " below its lower bound " + lower);
            }
        }
    }

    @Test
    void shouldBoundMostDistancesCloselyOnRowsThatVaryAlongFewDirections() {
        // 20 clusters in 200 dimensions: the spread between rows lies mostly in a few directions
        float[][] pool = KCenterGreedyTest.clustered(3000, 200, 20, 0.2, 31);
        ProjectedBound bound = ProjectedBound.of(pool, false);
        ProjectedBound.Rows rows = new ProjectedBound.Rows(bound, pool, false);
        for (int c = 0; c < 200; c++) {
            rows.addPoolRow(c);
        }
        int shown = 0;
        int pairs = 0;
        for (int row = 200; row < 3000; row += 3) {
            for (int c = 0; c < 200; c += 7) {
                double distance = SquaredDistance.of(pool[row], pool[c]);
                pairs++;
                if (rows.farEnough(row, c, rows.reach(row, 0.5 * distance))) {
                    shown++;
                }
            }
        }
        assertTrue(shown > 0.9 * pairs, "half the squared distance shown for only " + shown + " of " + pairs + " pairs");
    }

    @Test
    void shouldNotProjectNarrowRowsSmallPoolsOrIsotropicNoise() {
        assertNull(ProjectedBound.of(KCenterGreedyTest.clustered(3000, 64, 5, 1, 1), false));
        assertNull(ProjectedBound.of(KCenterGreedyTest.clustered(1000, 300, 5, 1, 1), false));
        // one cluster of isotropic noise: 32 of 512 directions hold ~14 % of the sample's spread
        assertNull(ProjectedBound.of(KCenterGreedyTest.clustered(3000, 512, 1, 1, 1), false));
    }

    private static float[][] scaled(float[][] rows, double scale) {
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (row[j] * scale);
            }
        }
        return rows;
    }
}
