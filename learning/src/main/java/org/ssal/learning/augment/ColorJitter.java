package org.ssal.learning.augment;

import java.util.SplittableRandom;

/**
 * Random brightness, contrast, saturation and hue changes applied in a random order, as
 * torchvision's {@code ColorJitter}: factors are drawn uniformly from [1−b, 1+b], [1−c, 1+c],
 * [1−s, 1+s] and the hue shift from [−h, h] (in turns of the colour wheel). SimSiam
 * (appendix A): "ColorJitter(0.4, 0.4, 0.4, 0.1) ... applied with probability 0.8" — the
 * probability is a separate {@link RandomApply}.
 * <p>On 1-channel images only brightness and contrast act; saturation and hue are no-ops
 * because a gray image has no colour. The random draws are made all the same, so that a seed
 * gives the same stream whatever the channel count.
 */
public final class ColorJitter implements ImageOp {
    private final float brightness;
    private final float contrast;
    private final float saturation;
    private final float hue;

    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        requireRange("brightness", brightness, 1);
        requireRange("contrast", contrast, 1);
        requireRange("saturation", saturation, 1);
        requireRange("hue", hue, 0.5);
        this.brightness = (float) brightness;
        this.contrast = (float) contrast;
        this.saturation = (float) saturation;
        this.hue = (float) hue;
    }

    private static void requireRange(String field, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(field + " must be in [0, " + max + "], got " + value);
        }
    }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float b = 1 + brightness * (float) (2 * rng.nextDouble() - 1);
        float c = 1 + contrast * (float) (2 * rng.nextDouble() - 1);
        float s = 1 + saturation * (float) (2 * rng.nextDouble() - 1);
        float h = hue * (float) (2 * rng.nextDouble() - 1);
        int plane = height * width;
        for (int op : order) {
            switch (op) {
                case 0 -> scaleClamp(chw, channels * plane, b);
                case 1 -> adjustContrast(chw, channels, plane, c);
                case 2 -> { if (channels == 3) adjustSaturation(chw, plane, s); }
                default -> { if (channels == 3 && h != 0) shiftHue(chw, plane, h); }
            }
        }
    }

    static void scaleClamp(float[] x, int n, float factor) {
        for (int i = 0; i < n; i++) {
            x[i] = clamp(x[i] * factor);
        }
    }

    /** Blends with the mean gray level of the image, as torchvision's adjust_contrast. */
    static void adjustContrast(float[] x, int channels, int plane, float factor) {
        double sum = 0;
        if (channels == 3) {
            for (int i = 0; i < plane; i++) {
                sum += RandomGrayscale.luma(x[i], x[plane + i], x[2 * plane + i]);
            }
        } else {
            for (int i = 0; i < plane; i++) {
                sum += x[i];
            }
        }
        float mean = (float) (sum / plane);
        for (int i = 0; i < channels * plane; i++) {
            x[i] = clamp(mean + (x[i] - mean) * factor);
        }
    }

    /** Blends each pixel with its own gray value, as torchvision's adjust_saturation. */
    static void adjustSaturation(float[] x, int plane, float factor) {
        for (int i = 0; i < plane; i++) {
            float g = RandomGrayscale.luma(x[i], x[plane + i], x[2 * plane + i]);
            x[i] = clamp(g + (x[i] - g) * factor);
            x[plane + i] = clamp(g + (x[plane + i] - g) * factor);
            x[2 * plane + i] = clamp(g + (x[2 * plane + i] - g) * factor);
        }
    }

    /** Rotates the hue in HSV space by {@code shift} turns. */
    static void shiftHue(float[] x, int plane, float shift) {
        for (int i = 0; i < plane; i++) {
            float r = x[i];
            float g = x[plane + i];
            float b = x[2 * plane + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float delta = max - min;
            if (delta <= 0) {
                continue; // gray pixel: hue undefined, nothing to rotate
            }
            float hh;
            if (max == r) {
                hh = ((g - b) / delta) / 6f;
            } else if (max == g) {
                hh = ((b - r) / delta + 2f) / 6f;
            } else {
                hh = ((r - g) / delta + 4f) / 6f;
            }
            hh += shift;
            hh -= (float) Math.floor(hh);
            float sat = delta / max;
            float v = max;
            float h6 = hh * 6f;
            int sector = Math.min((int) h6, 5);
            float f = h6 - sector;
            float p = v * (1 - sat);
            float q = v * (1 - sat * f);
            float t = v * (1 - sat * (1 - f));
            switch (sector) {
                case 0 -> { r = v; g = t; b = p; }
                case 1 -> { r = q; g = v; b = p; }
                case 2 -> { r = p; g = v; b = t; }
                case 3 -> { r = p; g = q; b = v; }
                case 4 -> { r = t; g = p; b = v; }
                default -> { r = v; g = p; b = q; }
            }
            x[i] = r;
            x[plane + i] = g;
            x[2 * plane + i] = b;
        }
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    @Override
    public String toString() {
        return "ColorJitter(" + brightness + ", " + contrast + ", " + saturation + ", " + hue + ")";
    }
}
