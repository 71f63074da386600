package org.ssal.learning.augment;

import java.util.SplittableRandom;

/**
 * Converts an RGB image to gray (ITU-R 601 luma, as torchvision) in all three channels with
 * probability {@code p} (SimSiam: p = 0.2). On a 1-channel image it is a no-op: it is gray already.
 */
public final class RandomGrayscale implements ImageOp {
    private final double p;

    public RandomGrayscale(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        this.p = p;
    }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        boolean fire = rng.nextDouble() < p;
        if (fire && channels == 3) {
            toGray(chw, height * width);
        }
    }

    static void toGray(float[] chw, int plane) {
        for (int i = 0; i < plane; i++) {
            float g = luma(chw[i], chw[plane + i], chw[2 * plane + i]);
            chw[i] = g;
            chw[plane + i] = g;
            chw[2 * plane + i] = g;
        }
    }

    static float luma(float r, float g, float b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    @Override
    public String toString() { return "RandomGrayscale(p=" + p + ")"; }
}
