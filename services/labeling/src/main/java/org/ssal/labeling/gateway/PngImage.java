package org.ssal.labeling.gateway;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.ssal.learning.data.ImageSet;

/**
 * One sample of an {@link ImageSet} as a PNG at its native size: 8-bit grayscale for one channel,
 * 8-bit RGB for three. PNG is lossless, so the annotator sees exactly the pixels the model learns
 * from; the page enlarges them without smoothing ({@code image-rendering: pixelated}).
 */
final class PngImage {
    private PngImage() {
    }

    static byte[] encode(ImageSet set, int index) {
        byte[] chw = set.image(index);
        int width = set.width();
        int height = set.height();
        int plane = width * height;
        BufferedImage image;
        if (set.channels() == 1) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = image.getRaster();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    raster.setSample(x, y, 0, chw[y * width + x] & 0xFF);
                }
            }
        } else {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    int rgb = (chw[p] & 0xFF) << 16 | (chw[plane + p] & 0xFF) << 8 | chw[2 * plane + p] & 0xFF;
                    image.setRGB(x, y, rgb);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(plane * set.channels() / 2 + 128);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode sample " + set.id(index) + " as PNG", e);
        }
        return out.toByteArray();
    }
}
