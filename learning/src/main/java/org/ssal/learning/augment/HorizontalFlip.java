package org.ssal.learning.augment;

import java.util.SplittableRandom;

/** Mirrors the image left–right with probability {@code p} (SimSiam: p = 0.5). */
public final class HorizontalFlip implements ImageOp {
    private final double p;

    public HorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        if (rng.nextDouble() < p) {
            mirror(chw, channels, height, width);
        }
    }

    /** Reverses every row of every channel. */
    public static void mirror(float[] chw, int channels, int height, int width) {
        for (int row = 0; row < channels * height; row++) {
            int left = row * width;
            int right = left + width - 1;
            while (left < right) {
                float t = chw[left];
                chw[left++] = chw[right];
                chw[right--] = t;
            }
        }
    }

    @Override
    public String toString() { return "HorizontalFlip(p=" + p + ")"; }
}
