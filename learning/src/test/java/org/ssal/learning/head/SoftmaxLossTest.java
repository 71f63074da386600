package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftmaxLoss} against its definition, written the plain way (one sample at a time, each
 * logit one sum in index order): value and gradient must agree to the bit, because audits compare
 * re-fitted heads by their bits. Sizes cover a partial last block, the parallel path and a
 * residual of exactly zero.
 */
class SoftmaxLossTest {

    @Test
    void shouldGiveTheDefinitionsBitsOnSmallAndLargeProblems() {
        int[][] shapes = {{1, 1, 2}, {7, 3, 2}, {255, 5, 3}, {257, 17, 10}, {1000, 64, 10}, {3000, 512, 10}};
        SplittableRandom random = new SplittableRandom(42);
        for (int[] shape : shapes) {
            int n = shape[0];
            int d = shape[1];
            int m = shape[2];
            double[] rows = gaussian(random, n * d, 1.0);
            int[] target = new int[n];
            for (int i = 0; i < n; i++) {
                target[i] = random.nextInt(m);
            }
            double lambda = 1.0 / n;
            for (double scale : new double[] {0.0, 0.1, 3.0}) {
                double[] theta = gaussian(random, m * d + m, scale);
                double[] expected = new double[theta.length];
                double[] actual = new double[theta.length];
                Arrays.fill(actual, Double.NaN); // must be overwritten everywhere
                double expectedValue = definition(rows, target, n, d, m, lambda, theta, expected);
                double actualValue = new SoftmaxLoss(rows, target, n, d, m, lambda).valueAndGradient(theta, actual);
                String at = "n=" + n + " d=" + d + " m=" + m + " scale=" + scale;
                assertEquals(Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(actualValue), at);
                assertArrayEquals(expected, actual, at);
            }
        }
    }

    @Test
    void shouldFitTheSameWeightsAsTheDefinitionWhenMinimised() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 1200;
        int d = 40;
        int m = 4;
        double[] rows = gaussian(random, n * d, 1.0);
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = random.nextInt(m);
            rows[i * d + target[i]] += 2.0; // classes separable enough for a real optimum
        }
        double lambda = 1.0 / n;
        double[] expected = new double[m * d + m];
        int expectedIterations = Lbfgs.minimize((theta, grad) -> definition(rows, target, n, d, m, lambda, theta, grad),
                expected, 500, 1e-6);
        double[] actual = new double[m * d + m];
        int actualIterations = Lbfgs.minimize(new SoftmaxLoss(rows, target, n, d, m, lambda), actual, 500, 1e-6);
        assertEquals(expectedIterations, actualIterations);
        assertTrue(expectedIterations > 5, "a real optimisation, not a first-step stop: " + expectedIterations);
        assertArrayEquals(expected, actual);
    }

    @Test
    void shouldCountAResidualOfExactlyZeroAsNothing() {
        // one class far ahead: its probability rounds to exactly 1, its residual to exactly 0
        int n = 3;
        int d = 1;
        int m = 2;
        double[] rows = {1, -1, 1};
        int[] target = {0, 1, 0};
        double[] theta = {800, -800, 0, 0};
        double[] expected = new double[4];
        double[] actual = new double[4];
        double value = definition(rows, target, n, d, m, 0.5, theta, expected);
        assertEquals(value, new SoftmaxLoss(rows, target, n, d, m, 0.5).valueAndGradient(theta, actual));
        assertArrayEquals(expected, actual);
    }

    /** The loss as first written: each sample's logits as one sum in index order, then its gradient terms. */
    private static double definition(double[] xs, int[] target, int n, int d, int m, double lambda, double[] theta,
                                     double[] grad) {
        Arrays.fill(grad, 0);
        double[] z = new double[m];
        double[] logit = new double[m];
        double loss = 0;
        int biasAt = m * d;
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                double s = theta[biasAt + k];
                for (int j = 0; j < d; j++) {
                    s += theta[k * d + j] * xs[row + j];
                }
                logit[k] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int k = 0; k < m; k++) {
                z[k] = Math.exp(logit[k] - max);
                sum += z[k];
            }
            loss += Math.log(sum) + max - logit[target[i]];
            for (int k = 0; k < m; k++) {
                double r = z[k] / sum - (k == target[i] ? 1.0 : 0.0);
                if (r == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    grad[k * d + j] += r * xs[row + j];
                }
                grad[biasAt + k] += r;
            }
        }
        double penalty = 0;
        for (int p = 0; p < biasAt; p++) {
            penalty += theta[p] * theta[p];
            grad[p] = grad[p] / n + lambda * theta[p];
        }
        for (int k = 0; k < m; k++) {
            grad[biasAt + k] /= n;
        }
        return loss / n + 0.5 * lambda * penalty;
    }

    private static double[] gaussian(SplittableRandom random, int size, double scale) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            // sum of uniforms: roughly normal, enough for test inputs
            out[i] = scale * (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 2;
        }
        return out;
    }
}
