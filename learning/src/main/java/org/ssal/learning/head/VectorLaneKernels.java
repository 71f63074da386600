package org.ssal.learning.head;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneKernels} on the Vector API, in the CPU's widest vectors: lanes are samples or
 * features, never parts of one sum, so the width does not change a result. Each loop keeps
 * eight sums in registers — two vectors of samples (or features) for four classes — so one load
 * feeds four products and the additions, each waiting on its own previous one, overlap.
 */
final class VectorLaneKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int WIDTH = SPECIES.length();
    /** A panel is two vectors of samples. */
    private static final int LANES = 2 * WIDTH;

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
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, start[k]);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, start[k + 1]);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, start[k + 2]);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, start[k + 3]);
            DoubleVector b0 = a0;
            DoubleVector b1 = a1;
            DoubleVector b2 = a2;
            DoubleVector b3 = a3;
            int w = k * d;
            for (int j = 0; j < d; j++) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, panel, at + j * LANES);
                DoubleVector y = DoubleVector.fromArray(SPECIES, panel, at + j * LANES + WIDTH);
                double w0 = weights[w + j];
                double w1 = weights[w + d + j];
                double w2 = weights[w + 2 * d + j];
                double w3 = weights[w + 3 * d + j];
                a0 = a0.add(x.mul(w0));
                b0 = b0.add(y.mul(w0));
                a1 = a1.add(x.mul(w1));
                b1 = b1.add(y.mul(w1));
                a2 = a2.add(x.mul(w2));
                b2 = b2.add(y.mul(w2));
                a3 = a3.add(x.mul(w3));
                b3 = b3.add(y.mul(w3));
            }
            a0.intoArray(out, k * LANES);
            b0.intoArray(out, k * LANES + WIDTH);
            a1.intoArray(out, (k + 1) * LANES);
            b1.intoArray(out, (k + 1) * LANES + WIDTH);
            a2.intoArray(out, (k + 2) * LANES);
            b2.intoArray(out, (k + 2) * LANES + WIDTH);
            a3.intoArray(out, (k + 3) * LANES);
            b3.intoArray(out, (k + 3) * LANES + WIDTH);
        }
        for (; k < m; k++) {
            DoubleVector a = DoubleVector.broadcast(SPECIES, start[k]);
            DoubleVector b = a;
            int w = k * d;
            for (int j = 0; j < d; j++) {
                double weight = weights[w + j];
                a = a.add(DoubleVector.fromArray(SPECIES, panel, at + j * LANES).mul(weight));
                b = b.add(DoubleVector.fromArray(SPECIES, panel, at + j * LANES + WIDTH).mul(weight));
            }
            a.intoArray(out, k * LANES);
            b.intoArray(out, k * LANES + WIDTH);
        }
    }

    static void addScaledRows(double[] grad, double[] residual, double[] rows, int m, int d, int from, int to,
                              int first, int last) {
        int j = from;
        for (; j + 2 * WIDTH <= to; j += 2 * WIDTH) {
            int k = 0;
            for (; k + 4 <= m; k += 4) {
                addScaledRowsToFour(grad, residual, rows, m, d, j, k, first, last);
            }
            for (; k < m; k++) {
                int w = k * d + j;
                DoubleVector a = DoubleVector.fromArray(SPECIES, grad, w);
                DoubleVector b = DoubleVector.fromArray(SPECIES, grad, w + WIDTH);
                for (int i = first; i < last; i++) {
                    double r = residual[i * m + k];
                    a = a.add(DoubleVector.fromArray(SPECIES, rows, i * d + j).mul(r));
                    b = b.add(DoubleVector.fromArray(SPECIES, rows, i * d + j + WIDTH).mul(r));
                }
                a.intoArray(grad, w);
                b.intoArray(grad, w + WIDTH);
            }
        }
        if (j < to) {
            LaneKernels.scalarAddScaledRows(grad, residual, rows, m, d, j, to, first, last);
        }
    }

    /** Features [j, j + 2·width) of classes k..k+3. */
    private static void addScaledRowsToFour(double[] grad, double[] residual, double[] rows, int m, int d, int j,
                                            int k, int first, int last) {
        int w = k * d + j;
        DoubleVector a0 = DoubleVector.fromArray(SPECIES, grad, w);
        DoubleVector b0 = DoubleVector.fromArray(SPECIES, grad, w + WIDTH);
        DoubleVector a1 = DoubleVector.fromArray(SPECIES, grad, w + d);
        DoubleVector b1 = DoubleVector.fromArray(SPECIES, grad, w + d + WIDTH);
        DoubleVector a2 = DoubleVector.fromArray(SPECIES, grad, w + 2 * d);
        DoubleVector b2 = DoubleVector.fromArray(SPECIES, grad, w + 2 * d + WIDTH);
        DoubleVector a3 = DoubleVector.fromArray(SPECIES, grad, w + 3 * d);
        DoubleVector b3 = DoubleVector.fromArray(SPECIES, grad, w + 3 * d + WIDTH);
        for (int i = first; i < last; i++) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, rows, i * d + j);
            DoubleVector y = DoubleVector.fromArray(SPECIES, rows, i * d + j + WIDTH);
            int r = i * m + k;
            double r0 = residual[r];
            double r1 = residual[r + 1];
            double r2 = residual[r + 2];
            double r3 = residual[r + 3];
            a0 = a0.add(x.mul(r0));
            b0 = b0.add(y.mul(r0));
            a1 = a1.add(x.mul(r1));
            b1 = b1.add(y.mul(r1));
            a2 = a2.add(x.mul(r2));
            b2 = b2.add(y.mul(r2));
            a3 = a3.add(x.mul(r3));
            b3 = b3.add(y.mul(r3));
        }
        a0.intoArray(grad, w);
        b0.intoArray(grad, w + WIDTH);
        a1.intoArray(grad, w + d);
        b1.intoArray(grad, w + d + WIDTH);
        a2.intoArray(grad, w + 2 * d);
        b2.intoArray(grad, w + 2 * d + WIDTH);
        a3.intoArray(grad, w + 3 * d);
        b3.intoArray(grad, w + 3 * d + WIDTH);
    }
}
