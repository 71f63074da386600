package org.ssal.learning.head;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneKernels} on the Vector API, in the CPU's widest vectors: lanes are samples or
 * features, never parts of one sum, so the width does not change a result. Four classes are
 * worked on at a time, so one load of the samples' (or features') values feeds four products
 * kept in registers.
 */
final class VectorLaneKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorLaneKernels() {
    }

    static boolean usable() {
        return SPECIES.vectorBitSize() >= 256;
    }

    static int lanes() {
        return LANES;
    }

    static void panelDots(double[] panel, int at, int d, double[] weights, int m, double[] start, double[] out) {
        int k = 0;
        for (; k + 4 <= m; k += 4) {
            DoubleVector s0 = DoubleVector.broadcast(SPECIES, start[k]);
            DoubleVector s1 = DoubleVector.broadcast(SPECIES, start[k + 1]);
            DoubleVector s2 = DoubleVector.broadcast(SPECIES, start[k + 2]);
            DoubleVector s3 = DoubleVector.broadcast(SPECIES, start[k + 3]);
            int w0 = k * d;
            for (int j = 0; j < d; j++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, panel, at + j * LANES);
                s0 = s0.add(x.mul(weights[w0 + j]));
                s1 = s1.add(x.mul(weights[w0 + d + j]));
                s2 = s2.add(x.mul(weights[w0 + 2 * d + j]));
                s3 = s3.add(x.mul(weights[w0 + 3 * d + j]));
            }
            s0.intoArray(out, k * LANES);
            s1.intoArray(out, (k + 1) * LANES);
            s2.intoArray(out, (k + 2) * LANES);
            s3.intoArray(out, (k + 3) * LANES);
        }
        for (; k < m; k++) {
            DoubleVector s = DoubleVector.broadcast(SPECIES, start[k]);
            int w = k * d;
            for (int j = 0; j < d; j++) {
                s = s.add(DoubleVector.fromArray(SPECIES, panel, at + j * LANES).mul(weights[w + j]));
            }
            s.intoArray(out, k * LANES);
        }
    }

    static void addScaledRows(double[] grad, double[] residual, double[] rows, int m, int d, int from, int to,
                              int first, int last) {
        int upper = from + SPECIES.loopBound(to - from);
        for (int j = from; j < upper; j += LANES) {
            int k = 0;
            for (; k + 4 <= m; k += 4) {
                int w = k * d + j;
                DoubleVector g0 = DoubleVector.fromArray(SPECIES, grad, w);
                DoubleVector g1 = DoubleVector.fromArray(SPECIES, grad, w + d);
                DoubleVector g2 = DoubleVector.fromArray(SPECIES, grad, w + 2 * d);
                DoubleVector g3 = DoubleVector.fromArray(SPECIES, grad, w + 3 * d);
                for (int i = first; i < last; i++) {
                    DoubleVector x = DoubleVector.fromArray(SPECIES, rows, i * d + j);
                    int r = i * m + k;
                    g0 = g0.add(x.mul(residual[r]));
                    g1 = g1.add(x.mul(residual[r + 1]));
                    g2 = g2.add(x.mul(residual[r + 2]));
                    g3 = g3.add(x.mul(residual[r + 3]));
                }
                g0.intoArray(grad, w);
                g1.intoArray(grad, w + d);
                g2.intoArray(grad, w + 2 * d);
                g3.intoArray(grad, w + 3 * d);
            }
            for (; k < m; k++) {
                int w = k * d + j;
                DoubleVector g = DoubleVector.fromArray(SPECIES, grad, w);
                for (int i = first; i < last; i++) {
                    g = g.add(DoubleVector.fromArray(SPECIES, rows, i * d + j).mul(residual[i * m + k]));
                }
                g.intoArray(grad, w);
            }
        }
        if (upper < to) {
            LaneKernels.scalarAddScaledRows(grad, residual, rows, m, d, upper, to, first, last);
        }
    }
}
