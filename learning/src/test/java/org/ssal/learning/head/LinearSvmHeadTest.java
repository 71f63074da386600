package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinearSvmHeadTest {

    /**
     * Two points at ±a (standardised to ±1). liblinear penalises the bias like a weight, so by
     * symmetry b = 0 and w minimises w²/2 + 2C(1 - w)², i.e. w = 4C / (1 + 4C).
     */
    @Test
    void shouldMatchTheClosedFormMarginWhenTwoPointsAreSymmetric() {
        double c = 0.5;
        double w = 4 * c / (1 + 4 * c);
        TrainedHead head = new LinearSvmHead(c, 1e-8).fit(new float[][] {{-3}, {3}}, new int[] {0, 1}, 2);
        double[][] v = head.decisionValues(new float[][] {{3}, {-3}, {0}});
        assertEquals(w, v[0][1], 1e-6);
        assertEquals(-w, v[0][0], 1e-6);
        assertEquals(-w, v[1][1], 1e-6);
        assertEquals(0.0, v[2][1], 1e-6);
    }

    @Test
    void shouldExposeSoftmaxOfMarginsWhenAskedForProbabilities() {
        int[] y = new int[30];
        float[][] x = ClassifierContractTest.blobs(10, 3, 4, 11, y);
        TrainedHead head = new LinearSvmHead().fit(x, y, 3);
        double[][] v = head.decisionValues(x);
        double[][] p = head.probabilities(x);
        for (int i = 0; i < x.length; i++) {
            double z = 0;
            for (double m : v[i]) {
                z += Math.exp(m);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.exp(v[i][k]) / z, p[i][k], 1e-12);
            }
        }
    }

    @Test
    void shouldRejectNonPositiveCWhenConstructed() {
        assertThrows(IllegalArgumentException.class, () -> new LinearSvmHead(-1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new LinearSvmHead(1, 0));
    }
}
