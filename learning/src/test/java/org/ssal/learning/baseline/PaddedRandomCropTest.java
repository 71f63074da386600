package org.ssal.learning.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaddedRandomCropTest {

    @Test
    void shouldMovePixelsByOffsetAndFillZerosWhenShifted() {
        // 2 channels of 3x4, value = 100·c + 10·y + x + 1 (never 0)
        float[] img = new float[2 * 3 * 4];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    img[c * 12 + y * 4 + x] = 100 * c + 10 * y + x + 1;
                }
            }
        }
        float[] out = img.clone();
        PaddedRandomCrop.shift(out, 2, 3, 4, 1, -2);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int sy = y + 1;
                    int sx = x - 2;
                    float expected = sy < 3 && sx >= 0 ? img[c * 12 + sy * 4 + sx] : 0f;
                    assertEquals(expected, out[c * 12 + y * 4 + x], "c=" + c + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void shouldDrawEveryOffsetWithinPaddingWhenApplied() {
        // a single bright pixel in the middle of a 9x9 image reveals the offset of each draw
        PaddedRandomCrop crop = new PaddedRandomCrop(2);
        SplittableRandom rng = new SplittableRandom(3);
        Set<Integer> positions = new HashSet<>();
        for (int draw = 0; draw < 500; draw++) {
            float[] img = new float[81];
            img[4 * 9 + 4] = 1f;
            crop.apply(img, 1, 9, 9, rng);
            int at = -1;
            for (int i = 0; i < img.length; i++) {
                if (img[i] == 1f) {
                    at = i;
                }
            }
            int dy = 4 - at / 9;
            int dx = 4 - at % 9;
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2, "offset " + dy + "," + dx);
            positions.add(at);
        }
        assertEquals(25, positions.size());
    }

    @Test
    void shouldLeaveImageUnchangedWhenPaddingIsZero() {
        float[] img = {1, 2, 3, 4};
        new PaddedRandomCrop(0).apply(img, 1, 2, 2, new SplittableRandom(1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, img);
    }

    @Test
    void shouldScalePaddingWithImageSizeWhenDerivingIt() {
        assertEquals(4, PaddedRandomCrop.paddingFor(32, 32));
        assertEquals(4, PaddedRandomCrop.paddingFor(28, 28));
        assertEquals(1, PaddedRandomCrop.paddingFor(8, 8));
        assertEquals(8, PaddedRandomCrop.paddingFor(64, 64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PaddedRandomCrop(-1));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }
}
