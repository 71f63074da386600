package org.ssal.learning.embed;

import org.ssal.learning.Progress;
import org.ssal.learning.data.ImageSet;

/**
 * The raw-pixel baseline: each image flattened (CHW) and scaled to [0, 1]. No training, no
 * weights; it stands where no self-supervised encoder is wanted, and it is the reference every
 * learned encoder must beat.
 */
public final class PixelEncoder implements Encoder {
    private int dim = -1;

    @Override
    public String describe() {
        return "pixels";
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public Embeddings embed(ImageSet images, Progress progress) {
        int n = images.size();
        int d = images.pixelsPerImage();
        String[] ids = new String[n];
        float[][] vectors = new float[n][d];
        for (int i = 0; i < n; i++) {
            ids[i] = images.id(i);
            byte[] pixels = images.image(i);
            for (int j = 0; j < d; j++) {
                vectors[i][j] = (pixels[j] & 0xFF) / 255f;
            }
            if ((i + 1) % 10_000 == 0 || i + 1 == n) {
                progress.report("embed-pixels", i + 1, n, images.name());
            }
        }
        dim = d;
        return new Embeddings(ids, vectors);
    }
}
