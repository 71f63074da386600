package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SoftmaxHeadTest {

    /**
     * Two points at ±a (standardised to ±1), one per class. By symmetry the optimum has logits
     * ±u·x with u solving d/du [log(1 + e^{-2u}) + u²/(2C)] = 0; solved here by bisection.
     */
    @Test
    void shouldMatchTheClosedFormOptimumWhenTwoPointsAreSymmetric() {
        double c = 1.0;
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 200; i++) {
            double u = (lo + hi) / 2;
            double derivative = -2 / (1 + Math.exp(2 * u)) + u / c;
            if (derivative > 0) {
                hi = u;
            } else {
                lo = u;
            }
        }
        double u = (lo + hi) / 2;
        TrainedHead head = new SoftmaxHead("test", c, 500, 1e-10).fit(new float[][] {{-7}, {7}}, new int[] {0, 1}, 2);
        double[][] p = head.probabilities(new float[][] {{7}, {-7}, {0}});
        double expected = 1 / (1 + Math.exp(-2 * u));
        assertEquals(expected, p[0][1], 1e-7);
        assertEquals(expected, p[1][0], 1e-7);
        assertEquals(0.5, p[2][0], 1e-7);
    }

    /**
     * The bias is not penalised, so at the multinomial optimum its gradient vanishes: the
     * predicted probabilities of each class sum over the training set to that class's count.
     * A one-vs-rest model does not satisfy this jointly; a true softmax does.
     */
    @Test
    void shouldMatchClassCountsWithSummedProbabilitiesWhenConverged() {
        int[] y = new int[90];
        float[][] x = ClassifierContractTest.blobs(30, 3, 4, 9, y);
        // make the classes overlap so probabilities are far from 0/1
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (row[j] * 0.3 + 700 * Math.sin(row[j]));
            }
        }
        y[0] = 2;
        y[1] = 2;
        double[][] p = new SoftmaxHead("test", 1.0, 2000, 1e-10).fit(x, y, 3).probabilities(x);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < x.length; i++) {
                sum += p[i][c];
                count += y[i] == c ? 1 : 0;
            }
            assertEquals(count, sum, 1e-6);
        }
    }

    @Test
    void shouldRejectNonPositiveCWhenConstructed() {
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxHead("test", 0, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxHead("test", 1, 0, 1e-6));
    }
}
