package org.ssal.learning.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Writes small datasets in their real on-disk formats for the loader tests. */
final class DatasetFiles {
    private DatasetFiles() {
    }

    static byte[][] randomImages(int count, int pixels, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][pixels];
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        return images;
    }

    static void writeIdxImages(Path file, byte[][] images, int rows, int cols, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2051);
        out.writeInt(images.length);
        out.writeInt(rows);
        out.writeInt(cols);
        for (byte[] image : images) {
            out.write(image);
        }
        write(file, bytes.toByteArray(), gzip);
    }

    static void writeIdxLabels(Path file, int[] labels, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2049);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        write(file, bytes.toByteArray(), gzip);
    }

    static void write(Path file, byte[] content, boolean gzip) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    /** CIFAR binary records: label bytes then the 3072 CHW pixels of each image. */
    static void writeCifar(Path file, int[][] labelBytes, byte[][] images) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < images.length; i++) {
            for (int label : labelBytes[i]) {
                bytes.write(label);
            }
            bytes.write(images[i]);
        }
        write(file, bytes.toByteArray(), false);
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    /** An RGB image from CHW bytes. */
    static BufferedImage rgbImage(byte[] chw, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int rgb = (chw[p] & 0xff) << 16 | (chw[plane + p] & 0xff) << 8 | (chw[2 * plane + p] & 0xff);
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static BufferedImage grayImage(byte[] pixels, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, pixels[y * width + x] & 0xff);
            }
        }
        return image;
    }

    /** A uniform colour, CHW. */
    static byte[] uniform(int r, int g, int b, int side) {
        int plane = side * side;
        byte[] chw = new byte[3 * plane];
        for (int p = 0; p < plane; p++) {
            chw[p] = (byte) r;
            chw[plane + p] = (byte) g;
            chw[2 * plane + p] = (byte) b;
        }
        return chw;
    }

    static void writeImage(Path file, BufferedImage image, String format) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }
}
