package org.ssal.learning.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ssal.learning.Progress;

/**
 * Streaming reader of IDX files (LeCun et al., "The MNIST database of handwritten digits"), plain
 * or gzip-compressed: a big-endian magic number {@code 0x0000TTDD} (T = 0x08, unsigned bytes;
 * D = number of dimensions), D big-endian int sizes, then the data in row-major order.
 *
 * <p>Images are read one at a time straight from the (decompressing) stream into their own
 * {@code byte[]}; the decompressed file is never held as a whole.
 */
final class IdxFile {
    static final int LABELS_MAGIC = 0x00000801;
    static final int IMAGES_MAGIC = 0x00000803;

    /** Shape of an images file: count × rows × cols. */
    record ImagesHeader(int count, int rows, int cols) {
    }

    private IdxFile() {
    }

    /** Opens {@code file}, decompressing when it starts with the gzip magic bytes 1f 8b. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (IOException e) {
                in.close();
                throw new IOException("corrupt gzip header in " + file + ": " + e.getMessage(), e);
            }
        }
        return in;
    }

    static int[] readLabels(Path file, int numClasses) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            expectMagic(in, file, LABELS_MAGIC, "unsigned bytes, 1 dimension");
            int count = readSize(in, file, "label count");
            int[] labels = new int[count];
            byte[] raw = new byte[count];
            int read = in.readNBytes(raw, 0, count);
            if (read != count) {
                throw new IOException("truncated IDX labels in " + file + ": expected " + count
                        + " labels after the 8-byte header, found " + read);
            }
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
                if (labels[i] >= numClasses) {
                    throw new IOException("label " + labels[i] + " of sample " + i + " in " + file
                            + " is outside [0, " + numClasses + ")");
                }
            }
            return labels;
        } catch (EOFException | ZipException e) {
            throw new IOException("truncated or corrupt IDX labels file " + file + ": " + e.getMessage(), e);
        }
    }

    static ImagesHeader readImagesHeader(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            return readImagesHeader(in, file);
        } catch (EOFException | ZipException e) {
            throw new IOException("truncated or corrupt IDX images file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the images at the given ascending positions, skipping the others without keeping them. */
    static byte[][] readImages(Path file, int[] positions, Progress progress, String stage) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            ImagesHeader header = readImagesHeader(in, file);
            int pixels = header.rows() * header.cols();
            byte[][] images = new byte[positions.length][];
            int current = 0;
            for (int k = 0; k < positions.length; k++) {
                int position = positions[k];
                if (position >= header.count()) {
                    throw new IllegalArgumentException("image " + position + " requested from " + file
                            + " which holds " + header.count());
                }
                in.skipNBytes((long) (position - current) * pixels);
                byte[] image = new byte[pixels];
                int read = in.readNBytes(image, 0, pixels);
                if (read != pixels) {
                    throw truncated(file, header, position);
                }
                images[k] = image;
                current = position + 1;
                if ((k + 1) % 10_000 == 0) {
                    progress.report(stage, k + 1, positions.length, file.getFileName().toString());
                }
            }
            return images;
        } catch (EOFException | ZipException e) {
            throw new IOException("truncated or corrupt IDX images file " + file + ": " + e.getMessage(), e);
        }
    }

    private static IOException truncated(Path file, ImagesHeader header, int position) {
        return new IOException("truncated IDX images file " + file + ": expected " + header.count()
                + " images of " + header.rows() + "x" + header.cols() + " bytes after the 16-byte header, "
                + "the data ends inside image " + position);
    }

    private static ImagesHeader readImagesHeader(DataInputStream in, Path file) throws IOException {
        expectMagic(in, file, IMAGES_MAGIC, "unsigned bytes, 3 dimensions");
        int count = readSize(in, file, "image count");
        int rows = readSize(in, file, "rows");
        int cols = readSize(in, file, "cols");
        if (rows == 0 || cols == 0 || (long) rows * cols > 1 << 24) {
            throw new IOException("implausible image size " + rows + "x" + cols + " in " + file);
        }
        return new ImagesHeader(count, rows, cols);
    }

    private static void expectMagic(DataInputStream in, Path file, int expected, String meaning)
            throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new IOException("expected IDX magic " + expected + " (" + meaning + ") in " + file
                    + ", found " + magic);
        }
    }

    private static int readSize(DataInputStream in, Path file, String what) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            throw new IOException("negative " + what + " " + size + " in IDX header of " + file);
        }
        return size;
    }
}
