package org.ssal.learning.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.ssal.learning.Progress;

/**
 * The binary CIFAR format (Krizhevsky, "Learning Multiple Layers of Features from Tiny Images",
 * 2009; binary version as described on the CIFAR page): fixed-size records of label byte(s)
 * followed by 3072 pixel bytes, "the first 1024 bytes are the red channel values, the next 1024
 * the green, and the final 1024 the blue", each channel row-major 32×32. That is already CHW, so
 * pixels are copied into the {@link ImageSet} unchanged.
 *
 * <p>One split may span several files (CIFAR-10's five training batches); positions number the
 * records of all files in order. Labels are read first with positional reads of the label bytes
 * only; pixels are then streamed record by record, keeping only the requested ones.
 */
final class CifarBinaryFiles {
    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;

    private final List<Path> files;
    private final int labelBytes;
    private final int recordSize;
    private final long[] recordCounts;

    /**
     * @param labelBytes number of label bytes before the pixels: 1 (CIFAR-10), 2 (CIFAR-100:
     *                   coarse, fine)
     */
    CifarBinaryFiles(List<Path> files, int labelBytes) throws IOException {
        this.files = List.copyOf(files);
        this.labelBytes = labelBytes;
        this.recordSize = labelBytes + PIXELS;
        this.recordCounts = new long[files.size()];
        for (int f = 0; f < files.size(); f++) {
            long size = Files.size(files.get(f));
            if (size == 0 || size % recordSize != 0) {
                throw new IOException("expected a whole, non-zero number of " + recordSize + "-byte records ("
                        + labelBytes + " label byte(s) + 3x32x32 pixels) in " + files.get(f) + ", found "
                        + size + " bytes" + (size % recordSize != 0 ? " (" + size / recordSize
                        + " records and " + size % recordSize + " bytes left over)" : ""));
            }
            recordCounts[f] = size / recordSize;
        }
    }

    int count() {
        long total = 0;
        for (long count : recordCounts) {
            total += count;
        }
        return Math.toIntExact(total);
    }

    /** The label byte at {@code labelIndex} (0 = first) of every record, checked against numClasses. */
    int[] readLabels(int labelIndex, int numClasses, Path namesFile) throws IOException {
        int[] labels = new int[count()];
        int position = 0;
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long r = 0; r < recordCounts[f]; r++) {
                    one.clear();
                    if (channel.read(one, r * recordSize + labelIndex) != 1) {
                        throw new IOException("could not read the label of record " + r + " in " + file);
                    }
                    int label = one.get(0) & 0xff;
                    if (label >= numClasses) {
                        throw new IOException("label " + label + " of record " + r + " in " + file
                                + " is outside [0, " + numClasses + "), the classes listed in " + namesFile);
                    }
                    labels[position++] = label;
                }
            }
        }
        return labels;
    }

    /** Pixels of the records at the ascending global {@code positions}. */
    byte[][] readImages(int[] positions, Progress progress, String stage) throws IOException {
        byte[][] images = new byte[positions.length][];
        int k = 0;
        long fileStart = 0;
        for (int f = 0; f < files.size() && k < positions.length; f++) {
            long fileEnd = fileStart + recordCounts[f];
            if (positions[k] >= fileEnd) {
                fileStart = fileEnd;
                continue;
            }
            Path file = files.get(f);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                long current = fileStart;
                while (k < positions.length && positions[k] < fileEnd) {
                    long position = positions[k];
                    in.skipNBytes((position - current) * recordSize + labelBytes);
                    byte[] image = new byte[PIXELS];
                    if (in.readNBytes(image, 0, PIXELS) != PIXELS) {
                        throw new IOException("file " + file + " ended inside record " + (position - fileStart)
                                + "; expected " + recordCounts[f] * recordSize + " bytes");
                    }
                    images[k++] = image;
                    current = position + 1;
                    if (k % 10_000 == 0) {
                        progress.report(stage, k, positions.length, file.getFileName().toString());
                    }
                }
            }
            fileStart = fileEnd;
        }
        if (k != positions.length) {
            throw new IllegalArgumentException("record " + positions[k] + " requested but the files hold "
                    + count() + ": " + files);
        }
        return images;
    }

    /** Class names, one per non-blank line, as in batches.meta.txt and *_label_names.txt. */
    static List<String> readNames(Path file, int expected) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        if (names.size() != expected) {
            throw new IOException("expected " + expected + " class names (one per line) in " + file
                    + ", found " + names.size());
        }
        return names;
    }
}
