package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LinearModel}'s blocked decision values against the definition — standardise the row,
 * then b_c + (Σ_j w_cj·z_j summed from 0 in index order) — to the bit, on sizes with partial
 * blocks, the parallel path, and classes never seen (-inf).
 */
class LinearModelTest {

    @Test
    void shouldGiveTheDefinitionsBitsForEveryRowAndClass() {
        SplittableRandom random = new SplittableRandom(3);
        int[][] shapes = {{1, 1, 2}, {129, 7, 3}, {1000, 64, 10}, {5000, 512, 10}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int d = shape[1];
            int classes = shape[2];
            float[][] x = new float[n][d];
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    row[j] = (float) (100 * random.nextDouble() - 30);
                }
            }
            Standardizer standardizer = Standardizer.fit(x, d);
            double[][] weights = new double[classes][];
            double[] bias = new double[classes];
            for (int c = 0; c < classes; c++) {
                if (c == 1) {
                    continue; // a class never seen
                }
                weights[c] = new double[d];
                for (int j = 0; j < d; j++) {
                    weights[c][j] = random.nextDouble() - 0.5;
                }
                bias[c] = random.nextDouble();
            }
            double[][] actual = new LinearModel(standardizer, weights, bias).decisionValues(x);
            assertEquals(n, actual.length);
            double[] z = new double[d];
            for (int i = 0; i < n; i++) {
                standardizer.apply(x[i], z);
                double[] expected = new double[classes];
                for (int c = 0; c < classes; c++) {
                    if (weights[c] == null) {
                        expected[c] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += weights[c][j] * z[j];
                    }
                    expected[c] = bias[c] + s;
                }
                assertArrayEquals(expected, actual[i], "row " + i + " of n=" + n + " d=" + d);
            }
        }
    }
}
