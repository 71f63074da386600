package org.ssal.learning.augment;

import java.util.Arrays;
import java.util.SplittableRandom;

/** (x − mean[c]) / std[c] per channel; deterministic, the last op of every view. */
public final class Normalize implements ImageOp {
    private final float[] mean;
    private final float[] std;

    public Normalize(float[] mean, float[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std must have the same non-zero length, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("std[" + c + "] must be > 0, got " + std[c]);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public float[] mean() { return mean.clone(); }
    public float[] std() { return std.clone(); }
    public int channels() { return mean.length; }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        normalize(chw, 0, channels, height * width);
    }

    /** Normalizes one image stored at {@code offset} in a larger buffer (e.g. a batch). */
    public void normalize(float[] buffer, int offset, int channels, int plane) {
        if (channels != mean.length) {
            throw new IllegalArgumentException("image has " + channels + " channels, normalization has " + mean.length);
        }
        for (int c = 0; c < channels; c++) {
            float m = mean[c];
            float inv = 1f / std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                buffer[base + i] = (buffer[base + i] - m) * inv;
            }
        }
    }

    @Override
    public String toString() { return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")"; }
}
