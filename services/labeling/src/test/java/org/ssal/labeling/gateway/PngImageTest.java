package org.ssal.labeling.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.ssal.learning.data.Datasets;
import org.ssal.learning.data.ImageSet;

class PngImageTest {
    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void shouldKeepEveryGrayPixelAtNativeSize() throws IOException {
        ImageSet set = Datasets.synthetic(3, Map.of("classes", "2", "train", "4", "test", "0", "size", "28")).train();
        for (int i = 0; i < set.size(); i++) {
            BufferedImage image = decode(PngImage.encode(set, i));
            assertEquals(28, image.getWidth());
            assertEquals(28, image.getHeight());
            assertEquals(1, image.getRaster().getNumBands(), "grayscale stays one channel");
            byte[] pixels = set.image(i);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(pixels[y * 28 + x] & 0xFF, image.getRaster().getSample(x, y, 0),
                            "pixel " + x + "," + y + " of " + set.id(i));
                }
            }
        }
    }

    @Test
    void shouldMapChannelPlanesToRedGreenBlue() throws IOException {
        // 2x1 image, CHW: red plane (10, 20), green (30, 40), blue (50, 250)
        byte[] chw = {10, 20, 30, 40, 50, (byte) 250};
        ImageSet set = new ImageSet("rgb", 3, 1, 2, List.of("a"), new String[] {"s"}, new int[] {0},
                new byte[][] {chw});
        BufferedImage image = decode(PngImage.encode(set, 0));
        assertEquals(2, image.getWidth());
        assertEquals(1, image.getHeight());
        assertEquals(10 << 16 | 30 << 8 | 50, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(20 << 16 | 40 << 8 | 250, image.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void shouldRenderASyntheticColourSampleLosslessly() throws IOException {
        ImageSet set = Datasets.synthetic(5, Map.of("classes", "2", "train", "2", "test", "0", "size", "8",
                "channels", "3")).train();
        BufferedImage image = decode(PngImage.encode(set, 1));
        byte[] chw = set.image(1);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int p = y * 8 + x;
                int expected = (chw[p] & 0xFF) << 16 | (chw[64 + p] & 0xFF) << 8 | chw[128 + p] & 0xFF;
                assertEquals(expected, image.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
    }
}
