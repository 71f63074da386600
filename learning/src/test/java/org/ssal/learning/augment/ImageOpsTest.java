package org.ssal.learning.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageOpsTest {

    @Test
    void shouldMirrorEveryRowWhenFlipFires() {
        int c = 3, h = 4, w = 5;
        float[] x = AugmentTestImages.randomFloats(c * h * w, 1);
        float[] y = x.clone();
        new HorizontalFlip(1.0).apply(y, c, h, w, new SplittableRandom(0));
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int col = 0; col < w; col++) {
                    assertEquals(x[(ch * h + r) * w + col], y[(ch * h + r) * w + (w - 1 - col)]);
                }
            }
        }
    }

    @Test
    void shouldLeaveImageUnchangedWhenFlipProbabilityIsZero() {
        float[] x = AugmentTestImages.randomFloats(48, 2);
        float[] y = x.clone();
        new HorizontalFlip(0.0).apply(y, 3, 4, 4, new SplittableRandom(0));
        assertArrayEquals(x, y);
    }

    @Test
    void shouldKeepCropAreaWithinScaleBoundsWhenSamplingBoxes() {
        RandomResizedCrop crop = RandomResizedCrop.simSiam();
        SplittableRandom rng = new SplittableRandom(3);
        int h = 32, w = 32;
        for (int i = 0; i < 2000; i++) {
            RandomResizedCrop.Box box = crop.sampleBox(h, w, rng);
            assertTrue(box.top() >= 0 && box.left() >= 0);
            assertTrue(box.top() + box.height() <= h && box.left() + box.width() <= w, box.toString());
            double fraction = (double) box.height() * box.width() / (h * w);
            // rounding of w and h to whole pixels moves the area a little off the drawn scale
            assertTrue(fraction >= 0.2 * 0.8 && fraction <= 1.0, "area fraction " + fraction);
            double ratio = (double) box.width() / box.height();
            assertTrue(ratio > 0.5 && ratio < 2.0, "ratio " + ratio);
        }
    }

    @Test
    void shouldReturnIdentityWhenCropBoxIsWholeImage() {
        int c = 1, h = 6, w = 6;
        float[] x = AugmentTestImages.randomFloats(c * h * w, 4);
        float[] y = new float[x.length];
        RandomResizedCrop.resizeCrop(x, y, c, h, w, new RandomResizedCrop.Box(0, 0, h, w));
        assertArrayEquals(x, y, 1e-6f);
    }

    @Test
    void shouldUpsampleConstantRegionToConstantWhenCropping() {
        int h = 8, w = 8;
        float[] x = new float[h * w];
        for (int r = 0; r < 4; r++) {
            for (int col = 0; col < 4; col++) {
                x[r * w + col] = 0.7f;
            }
        }
        float[] y = new float[x.length];
        RandomResizedCrop.resizeCrop(x, y, 1, h, w, new RandomResizedCrop.Box(0, 0, 4, 4));
        for (float v : y) {
            assertEquals(0.7f, v, 1e-6f);
        }
    }

    @Test
    void shouldMakeChannelsEqualWhenGrayscaleFires() {
        int h = 4, w = 4, plane = h * w;
        float[] x = AugmentTestImages.randomFloats(3 * plane, 5);
        new RandomGrayscale(1.0).apply(x, 3, h, w, new SplittableRandom(0));
        for (int i = 0; i < plane; i++) {
            assertEquals(x[i], x[plane + i]);
            assertEquals(x[i], x[2 * plane + i]);
        }
    }

    @Test
    void shouldLeaveSingleChannelUnchangedWhenGrayscaleFires() {
        float[] x = AugmentTestImages.randomFloats(16, 6);
        float[] y = x.clone();
        new RandomGrayscale(1.0).apply(y, 1, 4, 4, new SplittableRandom(0));
        assertArrayEquals(x, y);
    }

    @Test
    void shouldKeepValuesInUnitRangeAndChangeImageWhenJittering() {
        ColorJitter jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1);
        for (int channels : new int[] {1, 3}) {
            float[] x = AugmentTestImages.randomFloats(channels * 64, 7);
            float[] y = x.clone();
            jitter.apply(y, channels, 8, 8, new SplittableRandom(channels));
            for (float v : y) {
                assertTrue(v >= 0 && v <= 1, "value " + v);
            }
            assertFalse(java.util.Arrays.equals(x, y));
        }
    }

    @Test
    void shouldPreserveGrayPixelsWhenShiftingHue() {
        float[] x = {0.3f, 0.8f, 0.3f, 0.8f, 0.3f, 0.8f};
        float[] y = x.clone();
        ColorJitter.shiftHue(y, 2, 0.25f);
        assertArrayEquals(x, y);
    }

    @Test
    void shouldRoundTripHueWhenShiftingByWholeTurn() {
        float[] x = AugmentTestImages.randomFloats(3 * 16, 8);
        float[] y = x.clone();
        ColorJitter.shiftHue(y, 16, 0.3f);
        ColorJitter.shiftHue(y, 16, 0.7f);
        assertArrayEquals(x, y, 1e-5f);
    }

    @Test
    void shouldGiveZeroMeanUnitStdWhenNormalizingWithMeasuredStats() {
        var images = AugmentTestImages.random(50, 3, 8, 9);
        Normalize normalize = ImageTensors.channelStats(images, 1000);
        var tensor = ImageTensors.normalized(images, 0, images.size(), normalize);
        for (int c = 0; c < 3; c++) {
            var channel = tensor.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c));
            assertEquals(0.0, channel.meanNumber().doubleValue(), 1e-4);
            assertEquals(1.0, channel.stdNumber().doubleValue(), 1e-2);
        }
    }

    @Test
    void shouldNameFieldWhenParameterIsInvalid() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ColorJitter(0.4, 0.4, 0.4, 0.7));
        assertTrue(e.getMessage().contains("hue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomResizedCrop(0, 1, 0.75, 1.33));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {0}, new float[] {0}));
        assertTrue(e.getMessage().contains("std[0]"), e.getMessage());
    }
}
