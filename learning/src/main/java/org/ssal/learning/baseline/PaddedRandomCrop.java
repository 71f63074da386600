package org.ssal.learning.baseline;

import java.util.SplittableRandom;
import org.ssal.learning.augment.ImageOp;

/**
 * Pads the image with {@code padding} zero pixels on every side and crops a window of the original
 * size at a uniformly random offset: torchvision's {@code RandomCrop(size, padding=p)} with the
 * default zero fill, applied before normalization as there (zero = black). Each pixel moves by
 * the same offset (dy, dx) ∈ [−p, p]²; what enters from outside the image is 0.
 */
public final class PaddedRandomCrop implements ImageOp {
    private final int padding;

    public PaddedRandomCrop(int padding) {
        if (padding < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got " + padding);
        }
        this.padding = padding;
    }

    /**
     * ⌈min(height, width) / 8⌉: 4 pixels for 28–32 px images (the CIFAR recipe's
     * {@code padding=4} on 32 px), 1 pixel for 8 px test images.
     */
    public static int paddingFor(int height, int width) {
        return (Math.min(height, width) + 7) / 8;
    }

    public int padding() { return padding; }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        if (padding == 0) {
            return;
        }
        int dy = rng.nextInt(2 * padding + 1) - padding;
        int dx = rng.nextInt(2 * padding + 1) - padding;
        shift(chw, channels, height, width, dy, dx);
    }

    /** out[y][x] = in[y + dy][x + dx], 0 where that lies outside the image. */
    static void shift(float[] chw, int channels, int height, int width, int dy, int dx) {
        float[] src = chw.clone();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = x + dx;
                    boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                    chw[base + y * width + x] = inside ? src[base + sy * width + sx] : 0f;
                }
            }
        }
    }

    @Override
    public String toString() { return "PaddedRandomCrop(padding=" + padding + ")"; }
}
