package org.ssal.learning.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vector kernels give the scalar ones' bits, and the scalar ones the one-sum-at-a-time definition's. */
class LaneKernelsTest {
    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void shouldSumEachPanelDotInIndexOrder() {
        int lanes = 8;
        for (int m : new int[] {1, 3, 4, 10}) {
            int d = 37;
            double[] panel = values(5 + d * lanes);
            double[] weights = values(m * d);
            double[] start = values(m);
            double[] out = new double[m * lanes];
            LaneKernels.scalarPanelDots(panel, 5, d, lanes, weights, m, start, out);
            for (int k = 0; k < m; k++) {
                for (int l = 0; l < lanes; l++) {
                    double s = start[k];
                    for (int j = 0; j < d; j++) {
                        s += weights[k * d + j] * panel[5 + j * lanes + l];
                    }
                    assertTrue(Double.compare(s, out[k * lanes + l]) == 0, "class " + k + " lane " + l);
                }
            }
        }
    }

    @Test
    void shouldGiveTheScalarBitsWhenVectorized() {
        assumeTrue(LaneKernels.vectorized(), "the Vector API kernels do not run in this JVM");
        int lanes = VectorLaneKernels.lanes();
        for (int m : new int[] {1, 2, 4, 7, 10}) {
            for (int d : new int[] {1, 8, 13, 512}) {
                double[] panel = values(d * lanes);
                double[] weights = values(m * d);
                double[] start = values(m);
                double[] scalar = new double[m * lanes];
                double[] vector = new double[m * lanes];
                LaneKernels.scalarPanelDots(panel, 0, d, lanes, weights, m, start, scalar);
                VectorLaneKernels.panelDots(panel, 0, d, weights, m, start, vector);
                assertArrayEquals(scalar, vector, "panel dots m=" + m + " d=" + d);

                int n = 70;
                double[] rows = values(n * d);
                double[] residual = values(n * m);
                double[] gradScalar = values(m * d);
                double[] gradVector = gradScalar.clone();
                int from = Math.min(3, d - 1);
                LaneKernels.scalarAddScaledRows(gradScalar, residual, rows, m, d, from, d, 5, n);
                VectorLaneKernels.addScaledRows(gradVector, residual, rows, m, d, from, d, 5, n);
                assertArrayEquals(gradScalar, gradVector, "gradient m=" + m + " d=" + d);
            }
        }
    }

    private double[] values(int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = random.nextDouble(-3, 3);
        }
        return out;
    }
}
