package org.ssal.learning.augment;

import java.util.SplittableRandom;

/**
 * Crops a random box whose area is a fraction {@code scale} of the image and whose aspect ratio
 * (w/h) is log-uniform in {@code ratio}, then resizes it bilinearly back to the input size;
 * the sampling follows torchvision's {@code RandomResizedCrop} (10 tries, then a centre crop).
 * SimSiam (Chen &amp; He 2021, appendix A): "RandomResizedCrop with scale in [0.2, 1.0]";
 * the ratio 3/4–4/3 is torchvision's default.
 */
public final class RandomResizedCrop implements ImageOp {
    private final double minScale;
    private final double maxScale;
    private final double logMinRatio;
    private final double logMaxRatio;
    private final double minRatio;
    private final double maxRatio;

    public RandomResizedCrop(double minScale, double maxScale, double minRatio, double maxRatio) {
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("scale must satisfy 0 < min <= max <= 1, got [" + minScale + ", " + maxScale + "]");
        }
        if (!(minRatio > 0 && minRatio <= maxRatio)) {
            throw new IllegalArgumentException("ratio must satisfy 0 < min <= max, got [" + minRatio + ", " + maxRatio + "]");
        }
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.minRatio = minRatio;
        this.maxRatio = maxRatio;
        this.logMinRatio = Math.log(minRatio);
        this.logMaxRatio = Math.log(maxRatio);
    }

    /** The SimSiam setting: scale 0.2–1, ratio 3/4–4/3. */
    public static RandomResizedCrop simSiam() {
        return new RandomResizedCrop(0.2, 1.0, 3.0 / 4.0, 4.0 / 3.0);
    }

    /** A crop box: top row, left column, height, width. */
    public record Box(int top, int left, int height, int width) { }

    /** Samples a crop box for an image of the given size. */
    public Box sampleBox(int height, int width, SplittableRandom rng) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (minScale + (maxScale - minScale) * rng.nextDouble());
            double aspect = Math.exp(logMinRatio + (logMaxRatio - logMinRatio) * rng.nextDouble());
            int w = (int) Math.round(Math.sqrt(target * aspect));
            int h = (int) Math.round(Math.sqrt(target / aspect));
            if (w > 0 && h > 0 && w <= width && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new Box(top, left, h, w);
            }
        }
        // fallback: the largest centre crop whose ratio lies within bounds
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < minRatio) {
            w = width;
            h = (int) Math.round(w / minRatio);
        } else if (inRatio > maxRatio) {
            h = height;
            w = (int) Math.round(h * maxRatio);
        } else {
            w = width;
            h = height;
        }
        return new Box((height - h) / 2, (width - w) / 2, h, w);
    }

    @Override
    public void apply(float[] chw, int channels, int height, int width, SplittableRandom rng) {
        Box box = sampleBox(height, width, rng);
        float[] src = chw.clone();
        resizeCrop(src, chw, channels, height, width, box);
    }

    /** Bilinear resize of {@code box} of {@code src} onto the whole of {@code dst} (half-pixel centres). */
    static void resizeCrop(float[] src, float[] dst, int channels, int height, int width, Box box) {
        int plane = height * width;
        double sy = (double) box.height() / height;
        double sx = (double) box.width() / width;
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            double srcX = Math.max(0, (x + 0.5) * sx - 0.5);
            int ix = (int) srcX;
            x0[x] = box.left() + Math.min(ix, box.width() - 1);
            x1[x] = box.left() + Math.min(ix + 1, box.width() - 1);
            fx[x] = (float) (srcX - ix);
        }
        for (int y = 0; y < height; y++) {
            double srcY = Math.max(0, (y + 0.5) * sy - 0.5);
            int iy = (int) srcY;
            int y0 = box.top() + Math.min(iy, box.height() - 1);
            int y1 = box.top() + Math.min(iy + 1, box.height() - 1);
            float fy = (float) (srcY - iy);
            for (int c = 0; c < channels; c++) {
                int row0 = c * plane + y0 * width;
                int row1 = c * plane + y1 * width;
                int out = c * plane + y * width;
                for (int x = 0; x < width; x++) {
                    float top = src[row0 + x0[x]] + (src[row0 + x1[x]] - src[row0 + x0[x]]) * fx[x];
                    float bottom = src[row1 + x0[x]] + (src[row1 + x1[x]] - src[row1 + x0[x]]) * fx[x];
                    dst[out + x] = top + (bottom - top) * fy;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RandomResizedCrop(scale=[" + minScale + ", " + maxScale + "], ratio=[" + minRatio + ", " + maxRatio + "])";
    }
}
