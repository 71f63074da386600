package org.ssal.learning.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SimSiamAugmentationTest {

    @Test
    void shouldGiveIdenticalViewsWhenSeedIsRepeated() {
        var images = AugmentTestImages.random(6, 3, 12, 1);
        var aug = SimSiamAugmentation.forImages(images);
        int[] idx = {0, 3, 5};
        INDArray[] a = aug.twoViews(images, idx, 42);
        INDArray[] b = aug.twoViews(images, idx, 42);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
        INDArray[] c = aug.twoViews(images, idx, 43);
        assertFalse(a[0].equals(c[0]));
    }

    @Test
    void shouldBuildTwoDifferentViewsWithBatchShapeWhenAugmenting() {
        for (int channels : new int[] {1, 3}) {
            var images = AugmentTestImages.random(4, channels, 8, 2);
            var aug = SimSiamAugmentation.forImages(images);
            INDArray[] views = aug.twoViews(images, new int[] {0, 1, 2, 3}, 7);
            assertArrayEquals(new long[] {4, channels, 8, 8}, views[0].shape());
            assertArrayEquals(new long[] {4, channels, 8, 8}, views[1].shape());
            assertFalse(views[0].equals(views[1]));
            // normalized [0,1] pixels stay within (0 - mean)/std .. (1 - mean)/std
            float[] mean = aug.normalize().mean();
            float[] std = aug.normalize().std();
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int c = 0; c < channels; c++) {
                lo = Math.min(lo, -mean[c] / std[c]);
                hi = Math.max(hi, (1 - mean[c]) / std[c]);
            }
            assertTrue(views[0].minNumber().doubleValue() >= lo - 1e-4);
            assertTrue(views[0].maxNumber().doubleValue() <= hi + 1e-4);
        }
    }

    @Test
    void shouldNotDependOnBatchCompositionWhenViewsAreSeededPerPosition() {
        var images = AugmentTestImages.random(4, 3, 8, 3);
        var aug = SimSiamAugmentation.forImages(images);
        INDArray[] a = aug.twoViews(images, new int[] {2, 1}, 11);
        INDArray[] b = aug.twoViews(images, new int[] {2, 3}, 11);
        // same seed, same position, same image → same first row
        assertEquals(a[0].slice(0), b[0].slice(0));
    }
}
