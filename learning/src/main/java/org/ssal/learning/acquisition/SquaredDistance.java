package org.ssal.learning.acquisition;

import org.ssal.learning.VectorApi;

/**
 * |a − b|² of two float rows as k-center greedy needs it: float differences, each squared in
 * double (exact: a float times a float fits a double's 53 bits), summed in eight partial sums (the
 * one of element j is j mod 8), which are added pairwise, ((0+1)+(2+3))+((4+5)+(6+7)); elements
 * past the last multiple of eight are added last, in index order.
 *
 * <p>The order is part of the result, not an implementation detail: an audit re-derives picks
 * from these numbers on whatever machine it runs, so both kernels here give the same bits. With
 * the JDK's Vector API module ({@code --add-modules jdk.incubator.vector}, set by {@code ./ssal}, the
 * tests and deploy/) and a CPU with 256-bit vectors, the eight sums are two vectors of four doubles
 * (about four times the scalar speed, docs/benchmarks.md); without either, eight scalar sums.
 * {@code -Dssal.vector=false} forces the scalar kernel.
 */
final class SquaredDistance {
    interface Kernel {
        double of(float[] a, float[] b);
    }

    /** The eight partial sums in scalar code: the definition, and the kernel when vectors are unavailable. */
    static final Kernel SCALAR = SquaredDistance::scalar;
    private static final Kernel KERNEL = choose();

    private SquaredDistance() {
    }

    /** |a − b|² over the first {@code a.length} elements of both rows. */
    static double of(float[] a, float[] b) {
        return KERNEL.of(a, b);
    }

    /** Whether {@link #of} runs on the Vector API in this JVM. */
    static boolean vectorized() {
        return KERNEL != SCALAR;
    }

    /** The vector kernel, when this JVM has the module, vectors of 256 bits and no -Dssal.vector=false; else null. */
    static Kernel vectorKernel() {
        return VectorApi.enabled() && VectorSquaredDistance.usable() ? VectorSquaredDistance::of : null;
    }

    private static Kernel choose() {
        Kernel vector = vectorKernel();
        return vector != null ? vector : SCALAR;
    }

    private static double scalar(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int d = a.length;
        int upper = d & ~7;
        int j = 0;
        for (; j < upper; j += 8) {
            double e0 = a[j] - b[j];
            double e1 = a[j + 1] - b[j + 1];
            double e2 = a[j + 2] - b[j + 2];
            double e3 = a[j + 3] - b[j + 3];
            double e4 = a[j + 4] - b[j + 4];
            double e5 = a[j + 5] - b[j + 5];
            double e6 = a[j + 6] - b[j + 6];
            double e7 = a[j + 7] - b[j + 7];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
            s4 += e4 * e4;
            s5 += e5 * e5;
            s6 += e6 * e6;
            s7 += e7 * e7;
        }
        double s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; j < d; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }
}
