package org.ssal.learning.embed;

import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;

/**
 * The raw-pixel baseline: each image flattened (CHW order) and scaled to [0, 1]. Any learned
 * encoder should beat it under a linear probe; it also needs no training.
 */
public final class PixelEncoder implements Encoder {
    private final int dim;

    /** @param dim channels·height·width of the images this encoder will be given */
    public PixelEncoder(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be > 0, got " + dim);
        }
        this.dim = dim;
    }

    @Override
    public String describe() { return "pixels"; }

    @Override
    public int dim() { return dim; }

    @Override
    public Embeddings embed(ImageSet images, Progress progress) {
        if (images.pixelsPerImage() != dim) {
            throw new IllegalArgumentException("images have " + images.pixelsPerImage() + " pixels, encoder dim is " + dim);
        }
        String[] ids = new String[images.size()];
        float[][] vectors = new float[images.size()][dim];
        for (int i = 0; i < images.size(); i++) {
            ids[i] = images.id(i);
            byte[] image = images.image(i);
            for (int p = 0; p < dim; p++) {
                vectors[i][p] = (image[p] & 0xFF) / 255f;
            }
        }
        progress.report("embed", images.size(), images.size(), describe());
        return new Embeddings(ids, vectors);
    }
}
