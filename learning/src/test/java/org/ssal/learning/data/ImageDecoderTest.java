package org.ssal.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void shouldReturnInputUnchangedWhenSizeIsTheSame() {
        byte[] image = bytes(1, 2, 3, 4);
        assertSame(image, ImageDecoder.resize(image, 1, 2, 2, 2, 2));
    }

    @Test
    void shouldInterpolateAtPixelCentresWhenUpscaling() {
        // source x of output i is (i + 0.5) / 2 - 0.5: -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(bytes(0, 25, 75, 100), ImageDecoder.resize(bytes(0, 100), 1, 1, 2, 1, 4));
    }

    @Test
    void shouldInterpolateAtPixelCentresWhenDownscaling() {
        // source x of output i is (i + 0.5) * 2 - 0.5: 0.5 and 2.5, halfway between neighbours
        assertArrayEquals(bytes(50, 228), ImageDecoder.resize(bytes(0, 100, 200, 255), 1, 1, 4, 1, 2));
    }

    @Test
    void shouldResizeEachChannelOnItsOwn() {
        byte[] twoByTwo = bytes(10, 10, 10, 10, 200, 200, 200, 200, 0, 0, 255, 255);
        byte[] resized = ImageDecoder.resize(twoByTwo, 3, 2, 2, 3, 3);
        for (int p = 0; p < 9; p++) {
            assertEquals(10, resized[p] & 0xff);
            assertEquals(200, resized[9 + p] & 0xff);
        }
        assertEquals(0, resized[18] & 0xff);
        assertEquals(128, resized[18 + 3] & 0xff); // middle row: halfway between 0 and 255
        assertEquals(255, resized[18 + 6] & 0xff);
    }

    @Test
    void shouldKeepStoredGrayValuesRatherThanGammaConvertingThem() {
        byte[] gray = bytes(0, 64, 128, 255);
        byte[] chw = ImageDecoder.toChw(DatasetFiles.grayImage(gray, 2, 2), 3);
        assertArrayEquals(bytes(0, 64, 128, 255, 0, 64, 128, 255, 0, 64, 128, 255), chw);
    }

    @Test
    void shouldOrderDigitRunsByValue() {
        List<String> names = new ArrayList<>(List.of("val_10", "val_2", "val_1", "n01_100", "n01_20", "val_02"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("n01_20", "n01_100", "val_1", "val_02", "val_2", "val_10"), names);
        assertTrue(NaturalOrder.INSTANCE.compare("val_02", "val_2") != 0, "a total order");
        assertTrue(ImageDecoder.isImageName("x.JPEG") && !ImageDecoder.isImageName("x_boxes.txt"));
    }
}
