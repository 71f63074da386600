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
    void shouldGiveTheDistanceBelowALimitToTheBitAndStopOnlyAtOrAboveIt() {
        SquaredDistance.Kernel vector = SquaredDistance.vectorKernel();
        assertNotNull(vector);
        SplittableRandom random = new SplittableRandom(17);
        int stopped = 0;
        for (int d : LENGTHS) {
            for (int trial = 0; trial < 60; trial++) {
                double scale = new double[] {1e-20, 1e-3, 1, 1e15, 1e20}[trial % 5]; // float squares: subnormal .. overflow
                float[] a = row(random, d, scale);
                float[] b = row(random, d, scale);
                double exact = SquaredDistance.SCALAR.of(a, b);
                double[] limits = {0, Double.MIN_VALUE, exact * 0.01, exact * 0.5, Math.nextDown(exact), exact,
                    Math.nextUp(exact), exact * 1.0001, exact * 2, Double.POSITIVE_INFINITY};
                for (double limit : limits) {
                    for (SquaredDistance.Kernel kernel : new SquaredDistance.Kernel[] {vector, SquaredDistance.SCALAR}) {
                        double below = kernel.below(a, b, limit);
                        if (exact < limit) {
                            assertEquals(Double.doubleToRawLongBits(exact), Double.doubleToRawLongBits(below),
                                    "d=" + d + " limit=" + limit + ": the distance itself, " + exact);
                        } else {
                            assertTrue(below >= limit, "d=" + d + " limit=" + limit + ": got " + below);
                            if (below != exact) {
                                stopped++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(stopped > 0, "some distances stop early");
    }

    @Test
    void shouldProjectAndCompareShortRowsWithinTheStatedBoundsInBothKernels() {
        SplittableRandom random = new SplittableRandom(19);
        int d = 100;
        float[] row = row(random, d, 3);
        float[] mean = row(random, d, 1);
        float[] byElement = row(random, d * 32, 0.1);
        float[] vector = new float[40];
        float[] scalar = new float[40];
        SquaredDistance.project(row, mean, byElement, vector, 8);
        SquaredDistance.scalarProject(row, mean, byElement, scalar, 8);
        double radius = Math.sqrt(SquaredDistance.of(row, mean));
        for (int t = 0; t < 32; t++) {
            BigDecimal exact = BigDecimal.ZERO;
            double directionNorm = 0;
            for (int j = 0; j < d; j++) {
                exact = exact.add(new BigDecimal((double) (row[j] - mean[j])).multiply(new BigDecimal(byElement[j * 32 + t])));
                directionNorm += (double) byElement[j * 32 + t] * byElement[j * 32 + t];
            }
            double allowed = (d + 2) * 0x1p-24 * radius * Math.sqrt(directionNorm);
            assertEquals(exact.doubleValue(), vector[8 + t], allowed, "vector coordinate " + t);
            assertEquals(exact.doubleValue(), scalar[8 + t], allowed, "scalar coordinate " + t);
        }
        float[] a = row(random, 64, 2);
        float[] b = row(random, 64, 2);
        double exact = 0;
        for (int j = 8; j < 40; j++) {
            double e = (double) a[j] - b[j + 16];
            exact += e * e;
        }
        assertEquals(exact, SquaredDistance.shortSquared(a, 8, b, 24, 32), 34 * 0x1p-24 * exact);
        assertEquals(exact, SquaredDistance.scalarShortSquared(a, 8, b, 24, 32), 34 * 0x1p-24 * exact);
        assertEquals(SquaredDistance.scalarDot(a, b), SquaredDistance.dot(a, b), 66 * 0x1p-24 * 64 * 4);
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
