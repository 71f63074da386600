package org.ssal.learning.augment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.data.ImageSet;

/** Byte images to float tensors without augmentation (evaluation and embedding extraction). */
public final class ImageTensors {
    private ImageTensors() { }

    /** Normalized {@code [to-from, C, H, W]} tensor of images {@code from..to-1}. */
    public static INDArray normalized(ImageSet images, int from, int to, Normalize normalize) {
        int n = images.pixelsPerImage();
        int plane = images.height() * images.width();
        float[] buffer = new float[(to - from) * n];
        for (int i = from; i < to; i++) {
            byte[] image = images.image(i);
            int offset = (i - from) * n;
            for (int p = 0; p < n; p++) {
                buffer[offset + p] = (image[p] & 0xFF) * (1f / 255f);
            }
            normalize.normalize(buffer, offset, images.channels(), plane);
        }
        return Nd4j.create(buffer, new long[] {to - from, images.channels(), images.height(), images.width()}, 'c');
    }

    /**
     * Per-channel mean and standard deviation of pixel values in [0, 1] over an evenly spaced
     * sample of at most {@code maxImages} images (deterministic: no random draw).
     */
    public static Normalize channelStats(ImageSet images, int maxImages) {
        if (images.size() == 0) {
            throw new IllegalArgumentException("images must not be empty to measure channel statistics");
        }
        int c = images.channels();
        int plane = images.height() * images.width();
        int count = Math.min(maxImages, images.size());
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        for (int k = 0; k < count; k++) {
            byte[] image = images.image((int) ((long) k * images.size() / count));
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    double v = (image[ch * plane + p] & 0xFF) / 255.0;
                    sum[ch] += v;
                    sumSq[ch] += v * v;
                }
            }
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double total = (double) count * plane;
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / total;
            mean[ch] = (float) m;
            // a constant channel would give std 0; 1 keeps it finite and leaves values centred
            double var = sumSq[ch] / total - m * m;
            std[ch] = var > 1e-8 ? (float) Math.sqrt(var) : 1f;
        }
        return new Normalize(mean, std);
    }
}
