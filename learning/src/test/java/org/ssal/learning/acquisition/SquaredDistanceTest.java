package org.ssal.learning.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SquaredDistanceTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 511, 512, 513, 784};

    @Test
    void shouldRunTheVectorKernelInTheTestJvm() {
        // the build passes --add-modules jdk.incubator.vector, as ./ssal and deploy/ do
        assertTrue(SquaredDistance.vectorized(), "the Vector API kernel is in use");
    }

    @Test
    void shouldGiveTheScalarKernelsBitsOnEveryLengthAndScale() {
        SquaredDistance.Kernel vector = SquaredDistance.vectorKernel();
        assertNotNull(vector);
        SplittableRandom random = new SplittableRandom(11);
        for (int d : LENGTHS) {
            for (double scale : new double[] {1e-20, 1e-3, 1, 1e3, 1e15}) {
                for (int trial = 0; trial < 20; trial++) {
                    float[] a = row(random, d, scale);
                    float[] b = row(random, d, scale);
                    double expected = SquaredDistance.SCALAR.of(a, b);
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(vector.of(a, b)),
                            "d=" + d + " scale=" + scale + ": " + expected + " vs " + vector.of(a, b));
                }
            }
        }
    }

    @Test
    void shouldBeTheExactSquaredDistanceUpToDoubleRounding() {
        SplittableRandom random = new SplittableRandom(5);
        for (int d : LENGTHS) {
            float[] a = row(random, d, 1);
            float[] b = row(random, d, 1);
            BigDecimal exact = BigDecimal.ZERO;
            for (int j = 0; j < d; j++) {
                BigDecimal e = new BigDecimal((double) (a[j] - b[j])); // the difference is rounded to float by definition
                exact = exact.add(e.multiply(e));
            }
            double computed = SquaredDistance.of(a, b);
            assertEquals(exact.doubleValue(), computed, 1e-14 * Math.max(1, exact.doubleValue()), "d=" + d);
        }
    }

    @Test
    void shouldBeExactOnSmallIntegers() {
        float[] a = new float[13];
        float[] b = new float[13];
        long expected = 0;
        for (int j = 0; j < a.length; j++) {
            a[j] = j;
            b[j] = 2 * j - 5;
            expected += (long) (j - 5) * (j - 5);
        }
        assertEquals(expected, SquaredDistance.of(a, b));
        assertEquals(0.0, SquaredDistance.of(a, a));
    }

    private static float[] row(SplittableRandom random, int d, double scale) {
        float[] row = new float[d];
        for (int j = 0; j < d; j++) {
            row[j] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return row;
    }
}
