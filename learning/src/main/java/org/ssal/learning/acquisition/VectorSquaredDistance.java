package org.ssal.learning.acquisition;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SquaredDistance} on the Vector API: partial sums 0–3 in one vector of four doubles, 4–7
 * in another, so the additions are those of the scalar kernel, lane for lane. Fixed 128/256-bit
 * species rather than the preferred one, so the order does not depend on the CPU's vector width.
 */
final class VectorSquaredDistance {
    private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;

    private VectorSquaredDistance() {
    }

    /** Whether the CPU has 256-bit vectors; narrower ones would run these species emulated, slower than scalar. */
    static boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= FOUR_DOUBLES.vectorBitSize();
    }

    static double of(float[] a, float[] b) {
        DoubleVector low = DoubleVector.zero(FOUR_DOUBLES);
        DoubleVector high = DoubleVector.zero(FOUR_DOUBLES);
        int d = a.length;
        int upper = d & ~7;
        int j = 0;
        for (; j < upper; j += 8) {
            DoubleVector e0 = widen(FloatVector.fromArray(FOUR_FLOATS, a, j).sub(FloatVector.fromArray(FOUR_FLOATS, b, j)));
            DoubleVector e1 = widen(FloatVector.fromArray(FOUR_FLOATS, a, j + 4)
                    .sub(FloatVector.fromArray(FOUR_FLOATS, b, j + 4)));
            // a fused multiply-add rounds once, as the scalar e * e + s does: the square is exact
            low = e0.fma(e0, low);
            high = e1.fma(e1, high);
        }
        return finish(low, high, a, b, j);
    }

    /** {@link #of} of x with four rows, interleaved: eight independent sums, each summed as in {@link #of}. */
    static void four(float[] x, float[] y0, float[] y1, float[] y2, float[] y3, double[] out) {
        DoubleVector low0 = DoubleVector.zero(FOUR_DOUBLES);
        DoubleVector high0 = low0;
        DoubleVector low1 = low0;
        DoubleVector high1 = low0;
        DoubleVector low2 = low0;
        DoubleVector high2 = low0;
        DoubleVector low3 = low0;
        DoubleVector high3 = low0;
        int d = x.length;
        int upper = d & ~7;
        int j = 0;
        for (; j < upper; j += 8) {
            FloatVector xl = FloatVector.fromArray(FOUR_FLOATS, x, j);
            FloatVector xh = FloatVector.fromArray(FOUR_FLOATS, x, j + 4);
            DoubleVector e = widen(xl.sub(FloatVector.fromArray(FOUR_FLOATS, y0, j)));
            low0 = e.fma(e, low0);
            e = widen(xh.sub(FloatVector.fromArray(FOUR_FLOATS, y0, j + 4)));
            high0 = e.fma(e, high0);
            e = widen(xl.sub(FloatVector.fromArray(FOUR_FLOATS, y1, j)));
            low1 = e.fma(e, low1);
            e = widen(xh.sub(FloatVector.fromArray(FOUR_FLOATS, y1, j + 4)));
            high1 = e.fma(e, high1);
            e = widen(xl.sub(FloatVector.fromArray(FOUR_FLOATS, y2, j)));
            low2 = e.fma(e, low2);
            e = widen(xh.sub(FloatVector.fromArray(FOUR_FLOATS, y2, j + 4)));
            high2 = e.fma(e, high2);
            e = widen(xl.sub(FloatVector.fromArray(FOUR_FLOATS, y3, j)));
            low3 = e.fma(e, low3);
            e = widen(xh.sub(FloatVector.fromArray(FOUR_FLOATS, y3, j + 4)));
            high3 = e.fma(e, high3);
        }
        out[0] = finish(low0, high0, x, y0, j);
        out[1] = finish(low1, high1, x, y1, j);
        out[2] = finish(low2, high2, x, y2, j);
        out[3] = finish(low3, high3, x, y3, j);
    }

    /** The eight partial sums added as in {@link #of}, then the elements from {@code j} on. */
    private static double finish(DoubleVector low, DoubleVector high, float[] a, float[] b, int j) {
        double s = ((low.lane(0) + low.lane(1)) + (low.lane(2) + low.lane(3)))
                + ((high.lane(0) + high.lane(1)) + (high.lane(2) + high.lane(3)));
        for (; j < a.length; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }

    private static DoubleVector widen(FloatVector floats) {
        return (DoubleVector) floats.convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
    }
}
