package org.ssal.learning.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.ssal.learning.data.ImageSet;

/** Small random images for augmentation and SimSiam tests. */
public final class AugmentTestImages {
    private AugmentTestImages() { }

    public static ImageSet random(int n, int channels, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[n];
        int[] labels = new int[n];
        byte[][] images = new byte[n][channels * size * size];
        for (int i = 0; i < n; i++) {
            ids[i] = "img-" + i;
            labels[i] = i % 2;
            for (int p = 0; p < images[i].length; p++) {
                images[i][p] = (byte) rng.nextInt(256);
            }
        }
        return new ImageSet("random", channels, size, size, List.of("a", "b"), ids, labels, images);
    }

    public static float[] randomFloats(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return x;
    }
}
