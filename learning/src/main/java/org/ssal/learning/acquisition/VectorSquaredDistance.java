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
    private static final VectorSpecies<Float> EIGHT_FLOATS = FloatVector.SPECIES_256;
    /** {@link #below} looks at the sum so far when j hits this mask: after every 64 elements. */
    private static final int LOOK_MASK = 64 - 16;

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
        double s = ((low.lane(0) + low.lane(1)) + (low.lane(2) + low.lane(3)))
                + ((high.lane(0) + high.lane(1)) + (high.lane(2) + high.lane(3)));
        for (; j < d; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }

    /**
     * {@link SquaredDistance#below}: the squares so far summed in float, eight lanes at a time
     * (twice the elements per instruction of {@link #of}, no widening), a look at the sum after every
     * 64 elements; {@link #of} itself when no look reached the limit. A float sum of k non-negative
     * terms, each squared in float, is within (k + 1)·2^-24 of the exact sum, relatively (the
     * lanes' final addition included when k counts it), and the exact sum of all d squares is at
     * least that of the first ones, so a look that is still at least {@code limit} after taking
     * off 2·(d + 16)·2^-24 of itself shows the distance is at least {@code limit}. A sum that
     * overflowed float, or one so small that subnormal roundings (up to 2^-150 each) could have
     * made it, proves nothing and is not used.
     */
    static double below(float[] a, float[] b, double limit) {
        FloatVector even = FloatVector.zero(EIGHT_FLOATS);
        FloatVector odd = FloatVector.zero(EIGHT_FLOATS);
        int d = a.length;
        double keep = 1 - (d + 16) * 0x1p-23;
        int upper = d & ~15;
        for (int j = 0; j < upper; j += 16) {
            FloatVector e0 = FloatVector.fromArray(EIGHT_FLOATS, a, j).sub(FloatVector.fromArray(EIGHT_FLOATS, b, j));
            FloatVector e1 = FloatVector.fromArray(EIGHT_FLOATS, a, j + 8).sub(FloatVector.fromArray(EIGHT_FLOATS, b, j + 8));
            even = e0.fma(e0, even);
            odd = e1.fma(e1, odd);
            if ((j & LOOK_MASK) == LOOK_MASK) {
                double partial = even.add(odd).reduceLanes(VectorOperators.ADD);
                if (partial * keep >= limit && partial > 0x1p-100 && partial < Float.MAX_VALUE) {
                    return partial;
                }
            }
        }
        return of(a, b);
    }

    /** a·b in eight float lanes, the tail in float: see {@link SquaredDistance#dot}. */
    static double dot(float[] a, float[] b) {
        FloatVector sum = FloatVector.zero(EIGHT_FLOATS);
        int d = a.length;
        int upper = d & ~7;
        int j = 0;
        for (; j < upper; j += 8) {
            sum = FloatVector.fromArray(EIGHT_FLOATS, a, j).fma(FloatVector.fromArray(EIGHT_FLOATS, b, j), sum);
        }
        float s = sum.reduceLanes(VectorOperators.ADD);
        for (; j < d; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** {@link SquaredDistance#project} for 32 directions: four vectors of coordinates, each element broadcast. */
    static void project(float[] row, float[] mean, float[] byElement, float[] out, int outFrom) {
        int k = byElement.length / row.length;
        if (k != 32) {
            throw new IllegalArgumentException("projects on 32 directions, got " + k);
        }
        FloatVector c0 = FloatVector.zero(EIGHT_FLOATS);
        FloatVector c1 = FloatVector.zero(EIGHT_FLOATS);
        FloatVector c2 = FloatVector.zero(EIGHT_FLOATS);
        FloatVector c3 = FloatVector.zero(EIGHT_FLOATS);
        for (int j = 0; j < row.length; j++) {
            FloatVector y = FloatVector.broadcast(EIGHT_FLOATS, row[j] - mean[j]);
            int at = j * 32;
            c0 = y.fma(FloatVector.fromArray(EIGHT_FLOATS, byElement, at), c0);
            c1 = y.fma(FloatVector.fromArray(EIGHT_FLOATS, byElement, at + 8), c1);
            c2 = y.fma(FloatVector.fromArray(EIGHT_FLOATS, byElement, at + 16), c2);
            c3 = y.fma(FloatVector.fromArray(EIGHT_FLOATS, byElement, at + 24), c3);
        }
        c0.intoArray(out, outFrom);
        c1.intoArray(out, outFrom + 8);
        c2.intoArray(out, outFrom + 16);
        c3.intoArray(out, outFrom + 24);
    }

    /** {@link SquaredDistance#shortSquared} in eight float lanes. */
    static double shortSquared(float[] a, int aFrom, float[] b, int bFrom, int length) {
        FloatVector sum = FloatVector.zero(EIGHT_FLOATS);
        for (int j = 0; j < length; j += 8) {
            FloatVector e = FloatVector.fromArray(EIGHT_FLOATS, a, aFrom + j).sub(FloatVector.fromArray(EIGHT_FLOATS, b, bFrom + j));
            sum = e.fma(e, sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static DoubleVector widen(FloatVector floats) {
        return (DoubleVector) floats.convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
    }
}
