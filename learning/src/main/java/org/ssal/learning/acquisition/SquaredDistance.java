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

        /** {@code of(a, b)} when it is below {@code limit}, else any value at least {@code limit}. */
        default double below(float[] a, float[] b, double limit) {
            return of(a, b);
        }
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

    /**
     * {@link #of} when that is below {@code limit}; otherwise a value at least {@code limit}, maybe
     * found before all elements are read (a nearer-center test needs no more): the sum of the
     * squares so far only grows, so once it reaches the limit, the rest cannot bring it below.
     */
    static double below(float[] a, float[] b, double limit) {
        return KERNEL.below(a, b, limit);
    }

    /**
     * a·b, for {@link ProjectedBound}: summed in float or double, in some order, so within
     * d·2^-24·|a|·|b| of the exact value, which is all its users assume.
     */
    static double dot(float[] a, float[] b) {
        return KERNEL != SCALAR ? VectorSquaredDistance.dot(a, b) : scalarDot(a, b);
    }

    static double scalarDot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (double) a[j] * b[j];
        }
        return s;
    }

    /**
     * |a[aFrom..] − b[bFrom..]|² over {@code length} elements (a multiple of 8), for {@link
     * ProjectedBound}: summed in float, in some order, so within (length + 2)·2^-24 of the exact value,
     * relatively.
     */
    static double shortSquared(float[] a, int aFrom, float[] b, int bFrom, int length) {
        return KERNEL != SCALAR ? VectorSquaredDistance.shortSquared(a, aFrom, b, bFrom, length)
                : scalarShortSquared(a, aFrom, b, bFrom, length);
    }

    static double scalarShortSquared(float[] a, int aFrom, float[] b, int bFrom, int length) {
        float s = 0;
        for (int j = 0; j < length; j++) {
            float e = a[aFrom + j] - b[bFrom + j];
            s += e * e;
        }
        return s;
    }

    /**
     * Writes the {@code k} coordinates of {@code row − mean} on directions given by element
     * ({@code byElement[j·k + t]}, k = byElement.length / d = 32) into {@code out} from {@code
     * outFrom}: float differences, each coordinate summed in float over j in order, so within
     * (d + 1)·2^-24·|row − mean|·|direction| of the exact value.
     */
    static void project(float[] row, float[] mean, float[] byElement, float[] out, int outFrom) {
        if (KERNEL != SCALAR) {
            VectorSquaredDistance.project(row, mean, byElement, out, outFrom);
        } else {
            scalarProject(row, mean, byElement, out, outFrom);
        }
    }

    static void scalarProject(float[] row, float[] mean, float[] byElement, float[] out, int outFrom) {
        int k = byElement.length / row.length;
        float[] sums = new float[k];
        for (int j = 0; j < row.length; j++) {
            float y = row[j] - mean[j];
            for (int t = 0; t < k; t++) {
                sums[t] += y * byElement[j * k + t];
            }
        }
        System.arraycopy(sums, 0, out, outFrom, k);
    }

    /** Whether {@link #of} runs on the Vector API in this JVM. */
    static boolean vectorized() {
        return KERNEL != SCALAR;
    }

    /** The vector kernel, when this JVM has the module, vectors of 256 bits and no -Dssal.vector=false; else null. */
    static Kernel vectorKernel() {
        if (!VectorApi.enabled() || !VectorSquaredDistance.usable()) {
            return null;
        }
        return new Kernel() {
            @Override
            public double of(float[] a, float[] b) {
                return VectorSquaredDistance.of(a, b);
            }

            @Override
            public double below(float[] a, float[] b, double limit) {
                return VectorSquaredDistance.below(a, b, limit);
            }
        };
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
