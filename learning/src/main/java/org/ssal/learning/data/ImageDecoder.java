package org.ssal.learning.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Decodes image files with {@link ImageIO} into CHW bytes, and resizes CHW bytes.
 *
 * <p>Grayscale images are read from their raster, not through {@code getRGB}, because Java's
 * gray colour space is linear and {@code getRGB} would gamma-convert the stored values; to get
 * 3 channels the gray plane is copied three times. Colour images become 1 channel by the ITU-R
 * BT.601 luma weights 0.299 R + 0.587 G + 0.114 B.
 */
final class ImageDecoder {
    private ImageDecoder() {
    }

    static boolean isImageName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
                || lower.endsWith(".bmp") || lower.endsWith(".gif");
    }

    /** Decodes {@code file} (already confined to its data root). */
    static BufferedImage read(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("cannot decode image " + file + ": no ImageIO reader recognises it "
                    + "(expected PNG, JPEG, BMP or GIF)");
        }
        return image;
    }

    /** The pixels of {@code image} as {@code channels} (1 or 3) planes of height×width bytes. */
    static byte[] toChw(BufferedImage image, int channels) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        byte[] chw = new byte[channels * plane];
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = image.getRaster();
            int bits = image.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sample = raster.getSample(x, y, 0);
                    int value = bits == 8 ? sample : (sample * 255 + max / 2) / max;
                    for (int c = 0; c < channels; c++) {
                        chw[c * plane + y * width + x] = (byte) value;
                    }
                }
            }
            return chw;
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int r = (row[x] >> 16) & 0xff;
                int g = (row[x] >> 8) & 0xff;
                int b = row[x] & 0xff;
                int offset = y * width + x;
                if (channels == 3) {
                    chw[offset] = (byte) r;
                    chw[plane + offset] = (byte) g;
                    chw[2 * plane + offset] = (byte) b;
                } else {
                    chw[offset] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                }
            }
        }
        return chw;
    }

    /**
     * Bilinear resize of each plane, sampling at pixel centres (source coordinate
     * {@code (x + 0.5) * inWidth / outWidth - 0.5}, clamped at the border); the same size returns
     * the input unchanged. Strong downscaling aliases, as bilinear does without pre-filtering.
     */
    static byte[] resize(byte[] chw, int channels, int height, int width, int outHeight, int outWidth) {
        if (height == outHeight && width == outWidth) {
            return chw;
        }
        byte[] out = new byte[channels * outHeight * outWidth];
        int[] y0 = new int[outHeight];
        int[] y1 = new int[outHeight];
        double[] fy = new double[outHeight];
        axis(height, outHeight, y0, y1, fy);
        int[] x0 = new int[outWidth];
        int[] x1 = new int[outWidth];
        double[] fx = new double[outWidth];
        axis(width, outWidth, x0, x1, fx);
        for (int c = 0; c < channels; c++) {
            int in = c * height * width;
            int o = c * outHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    double top = (chw[in + y0[y] * width + x0[x]] & 0xff) * (1 - fx[x])
                            + (chw[in + y0[y] * width + x1[x]] & 0xff) * fx[x];
                    double bottom = (chw[in + y1[y] * width + x0[x]] & 0xff) * (1 - fx[x])
                            + (chw[in + y1[y] * width + x1[x]] & 0xff) * fx[x];
                    out[o + y * outWidth + x] = (byte) Math.round(top * (1 - fy[y]) + bottom * fy[y]);
                }
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] lo, int[] hi, double[] frac) {
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double source = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), in - 1);
            lo[i] = (int) Math.floor(source);
            hi[i] = Math.min(lo[i] + 1, in - 1);
            frac[i] = source - lo[i];
        }
    }
}
