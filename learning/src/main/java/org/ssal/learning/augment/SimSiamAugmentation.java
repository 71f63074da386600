package org.ssal.learning.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ssal.learning.data.ImageSet;
import org.ssal.learning.seed.SeedDerivation;

/**
 * The SimSiam view: RandomResizedCrop(0.2–1) → HorizontalFlip(0.5) → ColorJitter(0.4, 0.4, 0.4,
 * 0.1) with p = 0.8 → RandomGrayscale(0.2) → Normalize. Chen &amp; He 2021, appendix A (CIFAR):
 * "The augmentation ... RandomResizedCrop (scale 0.2–1.0), horizontal flip, color jittering
 * (0.4, 0.4, 0.4, 0.1) with probability 0.8, grayscale with probability 0.2" (the ImageNet recipe
 * minus blur, as their CIFAR code).
 * <p>Each view is a pure function of (image, seed, view number, sample key), so two runs with the
 * same seed give identical batches however the work is scheduled.
 * For 1-channel images saturation, hue and grayscale do nothing (see {@link ColorJitter}).
 */
public final class SimSiamAugmentation {
    private final List<ImageOp> ops;
    private final Normalize normalize;

    public SimSiamAugmentation(Normalize normalize) {
        this(normalize, 0.2);
    }

    /** The preset with the crop's smallest area fraction set to {@code minCropScale} instead of 0.2. */
    public SimSiamAugmentation(Normalize normalize, double minCropScale) {
        this(List.of(
                new RandomResizedCrop(minCropScale, 1.0, 3.0 / 4.0, 4.0 / 3.0),
                new HorizontalFlip(0.5),
                new RandomApply(new ColorJitter(0.4, 0.4, 0.4, 0.1), 0.8),
                new RandomGrayscale(0.2)), normalize);
    }

    /** A custom pipeline: {@code ops} run in order on [0, 1] pixels, then {@code normalize}. */
    public SimSiamAugmentation(List<ImageOp> ops, Normalize normalize) {
        this.ops = List.copyOf(ops);
        this.normalize = normalize;
    }

    /** The preset with per-channel mean/std measured on (up to 5,000 images of) {@code images}. */
    public static SimSiamAugmentation forImages(ImageSet images) {
        return forImages(images, 0.2);
    }

    /** As {@link #forImages(ImageSet)} with the crop's smallest area fraction {@code minCropScale}. */
    public static SimSiamAugmentation forImages(ImageSet images, double minCropScale) {
        return new SimSiamAugmentation(ImageTensors.channelStats(images, 5000), minCropScale);
    }

    public Normalize normalize() { return normalize; }

    /** Writes one augmented, normalized view of {@code image} to {@code out} at {@code offset}. */
    public void view(byte[] image, int channels, int height, int width, SplittableRandom rng,
                     float[] scratch, float[] out, int offset) {
        int n = channels * height * width;
        for (int i = 0; i < n; i++) {
            scratch[i] = (image[i] & 0xFF) * (1f / 255f);
        }
        for (ImageOp op : ops) {
            op.apply(scratch, channels, height, width, rng);
        }
        normalize.normalize(scratch, 0, channels, height * width);
        System.arraycopy(scratch, 0, out, offset, n);
    }

    /**
     * Two augmented views of the images at {@code indices}: {@code [B, C, H, W]} each.
     * {@code seed} should differ per step (e.g. derived from the epoch's seed and the step); view v of
     * image b uses {@code SeedDerivation.derive(seed, 2b + v)}.
     */
    public INDArray[] twoViews(ImageSet images, int[] indices, long seed) {
        return toBatch(twoViewBuffers(images, indices, seed), indices.length, images.channels(), images.height(),
                images.width());
    }

    /** Wraps the two buffers of {@link #twoViewBuffers} as {@code [B, C, H, W]} arrays. */
    public static INDArray[] toBatch(float[][] buffers, int batch, int channels, int height, int width) {
        long[] shape = {batch, channels, height, width};
        return new INDArray[] {Nd4j.create(buffers[0], shape, 'c'), Nd4j.create(buffers[1], shape, 'c')};
    }

    /**
     * The two views as plain CHW-per-image float buffers, without touching ND4J, so that a
     * background thread can prepare the next batch while the graph runs.
     */
    public float[][] twoViewBuffers(ImageSet images, int[] indices, long seed) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        int n = c * h * w;
        float[] v1 = new float[indices.length * n];
        float[] v2 = new float[indices.length * n];
        float[] scratch = new float[n];
        for (int b = 0; b < indices.length; b++) {
            byte[] image = images.image(indices[b]);
            view(image, c, h, w, new SplittableRandom(SeedDerivation.derive(seed, 2L * b)), scratch, v1, b * n);
            view(image, c, h, w, new SplittableRandom(SeedDerivation.derive(seed, 2L * b + 1)), scratch, v2, b * n);
        }
        return new float[][] {v1, v2};
    }

    /** One augmented view per image (the supervised baseline trains on single views). */
    public INDArray oneView(ImageSet images, int[] indices, long seed) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        int n = c * h * w;
        float[] v = new float[indices.length * n];
        float[] scratch = new float[n];
        for (int b = 0; b < indices.length; b++) {
            view(images.image(indices[b]), c, h, w, new SplittableRandom(SeedDerivation.derive(seed, b)), scratch, v, b * n);
        }
        return Nd4j.create(v, new long[] {indices.length, c, h, w}, 'c');
    }

    @Override
    public String toString() { return "SimSiamAugmentation" + ops + " + " + normalize; }
}
