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
        double s = ((low.lane(0) + low.lane(1)) + (low.lane(2) + low.lane(3)))
                + ((high.lane(0) + high.lane(1)) + (high.lane(2) + high.lane(3)));
        for (; j < d; j++) {
            double e = a[j] - b[j];
            s += e * e;
        }
        return s;
    }

    private static DoubleVector widen(FloatVector floats) {
        return (DoubleVector) floats.convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
    }
}
