package org.ssal.learning.augment;

import java.util.SplittableRandom;

/** Applies an op with probability {@code p}; as torchvision's {@code RandomApply}. */
public final class RandomApply implements ImageOp {
    private final ImageOp op;
    private final double p;

    public RandomApply(ImageOp op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        this.op = op;
        this.p = p;
    }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        // always draw, so that the random stream does not depend on earlier coin flips' outcome
        boolean fire = rng.nextDouble() < p;
        if (fire) {
            op.apply(chw, channels, height, width, rng);
        }
    }

    @Override
    public String toString() { return "RandomApply(" + op + ", p=" + p + ")"; }
}
