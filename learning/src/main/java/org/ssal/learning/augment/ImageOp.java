package org.ssal.learning.augment;

import java.util.SplittableRandom;

/**
 * One augmentation step on a float image in CHW order, values in [0, 1] (before {@link Normalize}).
 * Ops change the image in place: the two-view batch builder runs them on a reusable buffer, so
 * the training hot path allocates no per-pixel objects. All randomness comes from {@code rng},
 * which makes a view a pure function of the image and the seed.
 */
@FunctionalInterface
public interface ImageOp {
    void apply(float[] chw, int channels, int height, int width, SplittableRandom rng);
}
