package org.ssal.learning.head;

import org.ssal.learning.VectorApi;

/**
 * The two sums a linear head spends its time in, for many samples at once, each rounded exactly
 * as its one-sample definition: (1) the dot products of a panel of samples with every class's
 * weights, b + w_1·x_1 + w_2·x_2 + ... in index order; (2) a gradient's Σ_i r_ik·x_ij, in sample
 * order. Every lane of a vector is a different sample (1) or feature (2), never a partial sum of
 * one result, so the vector width cannot change a result; and a product and its addition are two
 * roundings, as Java's scalar {@code s += a * b} is (no fused multiply-add).
 *
 * <p>A panel holds {@link #lanes()} samples transposed: {@code panel[j * lanes + l]} is feature j
 * of the panel's sample l. With the JDK's Vector API module and 256-bit or wider vectors the
 * kernels run on it ({@link VectorLaneKernels}); without, in scalar code, with the same bits.
 */
final class LaneKernels {
    /** Scalar code keeps this many samples per panel: enough independent sums to hide latency. */
    private static final int SCALAR_LANES = 8;
    private static final boolean VECTOR = vectorAvailable();

    private LaneKernels() {
    }

    /** Samples per panel. */
    static int lanes() {
        return VECTOR ? VectorLaneKernels.lanes() : SCALAR_LANES;
    }

    /**
     * out[k * lanes + l] = start[k] + Σ_j weights[k * d + j] · panel[at + j * lanes + l], for the
     * classes k < m, summed in index order j.
     */
    static void panelDots(double[] panel, int at, int d, double[] weights, int m, double[] start, double[] out) {
        if (VECTOR) {
            VectorLaneKernels.panelDots(panel, at, d, weights, m, start, out);
            return;
        }
        scalarPanelDots(panel, at, d, SCALAR_LANES, weights, m, start, out);
    }

    static void scalarPanelDots(double[] panel, int at, int d, int lanes, double[] weights, int m, double[] start,
                                double[] out) {
        for (int k = 0; k < m; k++) {
            for (int l = 0; l < lanes; l++) {
                out[k * lanes + l] = start[k];
            }
            int w = k * d;
            for (int j = 0; j < d; j++) {
                double weight = weights[w + j];
                int column = at + j * lanes;
                for (int l = 0; l < lanes; l++) {
                    out[k * lanes + l] += weight * panel[column + l];
                }
            }
        }
    }

    /**
     * grad[k * d + j] += residual[i * m + k] · rows[i * d + j] for the features j in [from, to),
     * every class k < m and the samples i in [first, last), in that order of i.
     */
    static void addScaledRows(double[] grad, double[] residual, double[] rows, int m, int d, int from, int to,
                              int first, int last) {
        if (VECTOR) {
            VectorLaneKernels.addScaledRows(grad, residual, rows, m, d, from, to, first, last);
            return;
        }
        scalarAddScaledRows(grad, residual, rows, m, d, from, to, first, last);
    }

    static void scalarAddScaledRows(double[] grad, double[] residual, double[] rows, int m, int d, int from, int to,
                                    int first, int last) {
        for (int i = first; i < last; i++) {
            int row = i * d;
            for (int k = 0; k < m; k++) {
                double r = residual[i * m + k];
                int w = k * d;
                for (int j = from; j < to; j++) {
                    grad[w + j] += r * rows[row + j];
                }
            }
        }
    }

    /** Whether the Vector API kernels run in this JVM (module present, vectors of 256 bits, no -Dssal.vector=false). */
    static boolean vectorized() {
        return VECTOR;
    }

    private static boolean vectorAvailable() {
        return VectorApi.enabled() && VectorLaneKernels.usable();
    }
}
